package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeSourcesTest {

    @Test
    void onlyFullRegistrationsCountForJackson() throws Exception {
        var config = new ObjectMapper().readTree("""
                [{"name":"a.Full","allDeclaredFields":true,"allDeclaredMethods":true,"allDeclaredConstructors":true,
                  "allDeclaredClasses":true},
                 {"name":"a.ConstructorsOnly","allDeclaredConstructors":true},
                 {"name":"a.NoMethods","allDeclaredFields":true,"allDeclaredConstructors":true},
                 {"name":"a.Methods","methods":[{"name":"<init>","parameterTypes":[]}]}]
                """);
        assertEquals(Set.of("a.Full"), NativeSources.registered(config));
    }

    @Test
    void reportsTheJsonTypesMissingFromTheRegistrationsSorted() {
        assertEquals(List.of("a.B", "a.C"),
                NativeSources.unregistered(Set.of("a.C", "a.A", "a.B"), Set.of("a.A", "x.Other")));
        assertEquals(List.of(), NativeSources.unregistered(Set.of("a.A"), Set.of("a.A")));
    }
}
