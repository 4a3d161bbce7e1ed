package io.gpuledger.settlement.merkle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeDecoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * The Solidity types of a tree's leaves, such as {@code ["address", "uint256"]}, and the ABI
 * encoding of one leaf's values under them ({@code abi.encode} in Solidity).
 */
public record LeafEncoding(List<String> types) {

    public static final LeafEncoding ADDRESS_UINT256 = of("address", "uint256");
    public static final LeafEncoding BYTES32 = of("bytes32");

    public LeafEncoding {
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a leaf encoding needs at least one type");
        }
    }

    public static LeafEncoding of(String... types) {
        return new LeafEncoding(List.of(types));
    }

    /** The leaf's hash: keccak256(keccak256(abi.encode(values))). */
    public byte[] leafHash(List<?> values) {
        return MerkleHashes.leafHash(encode(values));
    }

    /** abi.encode of the values, each given as a web3j {@link Type} or a plain Java value. */
    public byte[] encode(List<?> values) {
        if (values.size() != types.size()) {
            throw new IllegalArgumentException("expected " + types.size() + " values for " + types + ", got " + values.size());
        }
        List<Type> typed = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            typed.add(toAbiType(types.get(i), values.get(i)));
        }
        return Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(typed));
    }

    // The common types are built directly; any other goes through web3j's own conversion.
    @SuppressWarnings("rawtypes")
    private static Type toAbiType(String type, Object value) {
        if (value instanceof Type typed) {
            return typed;
        }
        return switch (type) {
            case "address" -> new Address(value.toString());
            case "uint256" -> new Uint256(toBigInteger(value));
            case "bytes32" -> new Bytes32(value instanceof byte[] bytes ? bytes : Numeric.hexStringToByteArray(value.toString()));
            case "bool" -> new Bool((Boolean) value);
            case "string" -> new Utf8String(value.toString());
            case "bytes" -> new DynamicBytes(value instanceof byte[] bytes ? bytes : Numeric.hexStringToByteArray(value.toString()));
            default -> instantiate(type, value instanceof Number || value instanceof String s && !s.startsWith("0x")
                    ? toBigInteger(value) : value);
        };
    }

    private static BigInteger toBigInteger(Object value) {
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        return new BigInteger(value.toString());
    }

    @SuppressWarnings("rawtypes")
    private static Type instantiate(String type, Object value) {
        try {
            return TypeDecoder.instantiateType(type, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot encode " + value + " as " + type, e);
        }
    }
}
