# The ledger service's image: the jar that `mvn -DskipTests package` builds, on a Java 17 runtime.
#   mvn -B -DskipTests package && docker build -t gpu-ledger .
# Configured only through the environment variables of the API contract (README, "Configuration");
# it runs on the PostgreSQL and the chain it is given and brings neither.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app ledger
WORKDIR /app
COPY ledger-service/target/ledger-service.jar /app/ledger-service.jar
USER ledger
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/ledger-service.jar"]
