package dev.cadre.platform.templates;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns declared shapes (handler outputs, form data, template parameters) into CEL types for the
 * checker: a declared object becomes a struct whose name says what it is ("the output of
 * SCORING_START"), so an unknown field is an error; an undeclared one stays a map of {@code dyn}.
 * Also the type provider the checker resolves those structs with.
 */
final class DeclaredTypes implements CelTypeProvider {

    /** A JSON object nothing is known about. */
    static final CelType UNDECLARED = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private final List<CelType> structs = new ArrayList<>();

    /**
     * @param name   what the object is, for error messages: unique among this provider's structs
     * @param fields field name to declaration
     * @return a struct of those fields
     */
    StructType object(String name, Map<String, ?> fields) {
        Map<String, CelType> types = new LinkedHashMap<>();
        fields.forEach((field, declaration) -> types.put(field, type("field '" + field + "' of " + name,
                declaration instanceof Map<?, ?> map ? map : Map.of())));
        return struct(name, types);
    }

    /**
     * @param name        what the value is, for error messages
     * @param declaration one declaration
     * @return its CEL type
     */
    CelType type(String name, Map<?, ?> declaration) {
        return switch (String.valueOf(declaration.get("type"))) {
            case "string", "date" -> SimpleType.STRING;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            case "list" -> ListType.create(declaration.get("items") instanceof Map<?, ?> items ? type("an element of " + name, items) : SimpleType.DYN);
            case "object" -> declaration.get("fields") instanceof Map<?, ?> nested ? object(name, cast(nested)) : UNDECLARED;
            default -> SimpleType.DYN;
        };
    }

    /** @return a struct of named fields of given types (for {@code outputs}, whose fields are steps) */
    StructType struct(String name, Map<String, CelType> fields) {
        Map<String, CelType> copy = new LinkedHashMap<>(fields);
        StructType struct = StructType.create(name, ImmutableSet.copyOf(copy.keySet()), field -> Optional.ofNullable(copy.get(field)));
        structs.add(struct);
        return struct;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(structs);
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return structs.stream().filter(t -> t.name().equals(typeName)).findFirst();
    }
}
