package dev.sinkwatch.agent.normalize;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link JdbcUrl}: URLs of each shape with a fuzzed password (any characters but {@code =}; {@code / ? @ ; :}
 * included)
 * holding a marker, in the user info or as a property. Properties: {@link JdbcUrl#parse} never throws and the
 * marker is in no getter and not in the target; every input within the budget.
 */
class JdbcUrlFuzzTest {
    static final String MARKER = "zqMARKERzq";

    @FuzzTest(maxDuration = "10s")
    void noPasswordSurvives(FuzzedDataProvider data) {
        // no '=': a password holding ?key= or ;key= cannot be told from the URL's properties (documented)
        String password = (data.consumeString(10) + MARKER + data.consumeString(10)).replace("=", "");
        String host = data.pickValue(new String[] {"db.example", "127.0.0.1", "[::1]"});
        String url;
        switch (data.consumeInt(0, 5)) {
            case 0:
                url = "jdbc:postgresql://user:" + password + "@" + host + ":5432/orders";
                break;
            case 1:
                url = "jdbc:mysql://" + host + "/orders?user=u&password=" + password;
                break;
            case 2:
                url = "jdbc:sqlserver://" + host + ";databaseName=orders;password=" + password.replace(";", "");
                break;
            case 3:
                url = "jdbc:oracle:thin:scott/" + password.replace("@", "") + "@//" + host + ":1521/svc";
                break;
            case 4:
                url = "jdbc:mariadb://user:" + password.replace("=", "") + "@" + host + "/orders";
                break;
            default:
                url = "jdbc:h2:mem:orders;PASSWORD=" + password.replace(";", "");
        }
        JdbcUrl parsed = JdbcUrl.parse(url);
        String all = parsed.system() + "|" + parsed.host() + "|" + parsed.database() + "|" + parsed.target();
        if (all.contains(MARKER)) {
            throw new AssertionError("password survived: " + url + " -> " + all);
        }
    }
}
