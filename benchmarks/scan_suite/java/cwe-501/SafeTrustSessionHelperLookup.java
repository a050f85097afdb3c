// CWE-501 SAFE: the argument of a public library method reaches HttpSession.setAttribute("userName", value) only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.util.Map;

import javax.servlet.http.HttpSession;

public class SafeTrustSessionHelperLookup {

    private final HttpSession session;

    public SafeTrustSessionHelperLookup(HttpSession session) {
        this.session = session;
    }

    public void process(String userName) {
        String bar = KNOWN.getOrDefault(userName, "guest");
        session.setAttribute("userName", bar);
    }

    private static final Map<String, String> KNOWN = Map.of("a", "alice", "b", "bob");
}
