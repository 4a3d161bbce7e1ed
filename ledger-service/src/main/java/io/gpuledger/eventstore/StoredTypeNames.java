package io.gpuledger.eventstore;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * A serializer that stores the events marked {@link StoredAs} under their stored names and reads
 * those names back as the classes, leaving everything else to the serializer it wraps (which names
 * a payload by its class).
 */
public final class StoredTypeNames implements Serializer {

    private final Serializer classNames;
    private final Map<Class<?>, String> nameOfClass;
    private final Map<String, Class<?>> classOfName;

    private StoredTypeNames(Serializer classNames, Map<Class<?>, String> nameOfClass) {
        this.classNames = classNames;
        this.nameOfClass = Map.copyOf(nameOfClass);
        Map<String, Class<?>> classes = new HashMap<>();
        nameOfClass.forEach((type, name) -> {
            Class<?> earlier = classes.put(name, type);
            if (earlier != null) {
                throw new IllegalStateException(earlier + " and " + type + " are both stored as " + name);
            }
        });
        this.classOfName = Map.copyOf(classes);
    }

    /** Wraps {@code classNames} with the stored names of every {@link StoredAs} class under {@code basePackage}. */
    public static StoredTypeNames scanning(Serializer classNames, String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(StoredAs.class));
        Map<Class<?>, String> names = new HashMap<>();
        for (BeanDefinition found : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(found.getBeanClassName(), StoredTypeNames.class.getClassLoader());
            names.put(type, type.getAnnotation(StoredAs.class).value());
        }
        return new StoredTypeNames(classNames, names);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = classNames.serialize(object, expectedRepresentation);
        String name = object == null ? null : nameOfClass.get(object.getClass());
        return name == null ? serialized : new SimpleSerializedObject<>(serialized.getData(),
                serialized.getContentType(), name, serialized.getType().getRevision());
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return classNames.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        Class<?> type = classOfName.get(serialized.getType().getName());
        return classNames.deserialize(type == null ? serialized : new SimpleSerializedObject<>(serialized.getData(),
                serialized.getContentType(), type.getName(), serialized.getType().getRevision()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> stored = classOfName.get(type.getName());
        return stored != null ? stored : classNames.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        SerializedType byClass = classNames.typeForClass(type);
        String name = type == null ? null : nameOfClass.get(type);
        return name == null ? byClass : new SimpleSerializedType(name, byClass.getRevision());
    }

    @Override
    public Converter getConverter() {
        return classNames.getConverter();
    }
}
