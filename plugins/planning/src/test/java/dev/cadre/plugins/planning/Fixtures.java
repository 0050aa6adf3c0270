package dev.cadre.plugins.planning;

import dev.cadre.plugins.support.Json;
import dev.cadre.plugins.support.Values;
import java.util.Map;

/** Small inputs with known answers for the planning handlers' tests. */
final class Fixtures {

    static final String DICTIONARY = """
            field,type,key,cde,owner,pattern,description
            id,string,Y,Y,ops,ID-[0-9]{3},Row id
            amount,decimal,N,Y,finance,,"Amount, in EUR"
            code,code,N,N,ops,[A-C],Status code
            note,string,N,N,finance,,Free text
            opened,date,N,N,ops,,Opening date
            """;

    static final String ATTRIBUTES_JSON = Json.write(Json.object("attributes", java.util.List.of(
            attribute("id", "string", true, true, "ops", "ID-[0-9]{3}"),
            attribute("amount", "decimal", false, true, "finance", ""),
            attribute("code", "code", false, false, "ops", "[A-C]"),
            attribute("note", "string", false, false, "finance", ""),
            attribute("opened", "date", false, false, "ops", ""))));

    /** 10 rows: id duplicated once, amount has one non-number, code breaks its pattern once, note is 30 % empty. */
    static final String REPORT = """
            id,amount,code,note,opened
            ID-001,10.50,A,x,2024-01-31
            ID-002,-3,B,,2024-02-29
            ID-003,abc,C,y,2024-03-01
            ID-004,7.25,D,z,2024-03-02
            ID-005,100,A,,2023-12-31
            ID-006,0.5,B,w,2024-01-01
            ID-007,2,C,v,2024-01-02
            ID-008,3,A,,2024-01-03
            ID-009,4,B,u,2024-01-04
            ID-001,5,C,t,2024-01-05
            """;

    private Fixtures() {
    }

    static Map<String, Object> attribute(String name, String type, boolean key, boolean cde, String owner, String pattern) {
        return Json.object("name", name, "type", type, "key", key, "cde", cde, "owner", owner, "pattern", pattern,
                "description", "");
    }

    static Map<String, Object> json(String text) {
        return Values.asMap(Json.parse("test", text), "test");
    }
}
