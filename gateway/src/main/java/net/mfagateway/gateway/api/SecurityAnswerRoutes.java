package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.answers.Answer;
import net.mfagateway.gateway.answers.Checked;
import net.mfagateway.gateway.answers.SecurityAnswers;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;

/**
 * {@code /v1/connections/{id}/security-answers}: {@code PUT} replaces the set, {@code POST .../match}
 * answers one question. Answers are write-only: nothing else returns them, and no refusal
 * quotes them.
 */
final class SecurityAnswerRoutes implements Routes {

    static final int MAX_QUESTION = 500;
    /** Entries as the JSON body has them: {@code answers[2].question}. */
    private static final Checked.Naming NAMING = new Checked.Naming() {
        @Override
        public String entry(int index) {
            return "answers[" + index + "]";
        }

        @Override
        public String field(int index, String field) {
            return entry(index) + "." + field;
        }
    };

    private final Store store;
    private final SecurityAnswers answers;

    SecurityAnswerRoutes(Store store, SecurityAnswers answers) {
        this.store = store;
        this.answers = answers;
    }

    @Override
    public boolean route(Request req, Tenant tenant) {
        List<String> s = req.segments();
        if (s.size() < 4 || !s.get(1).equals("connections") || !s.get(3).equals("security-answers")) {
            return false;
        }
        // Write-only: no GET here, so nothing ever reads the answers back.
        if (s.size() == 4) {
            Routes.only("PUT", req);
            replace(req, tenant, s.get(2));
            return true;
        }
        if (s.size() == 5 && s.get(4).equals("match")) {
            Routes.only("POST", req);
            match(req, tenant, s.get(2));
            return true;
        }
        return false;
    }

    void replace(Request req, Tenant tenant, String id) {
        Connection connection = owned(tenant, id);
        JsonNode body = req.jsonObject();
        JsonNode list = body.get("answers");
        if (list == null || list.isNull()) {
            throw ApiException.badRequest("missing_field",
                    "'answers' is required: [{\"question\": \"...\", \"answer\": \"...\"}, ...]");
        }
        if (!list.isArray()) {
            throw ApiException.badRequest("invalid_field", "'answers' must be an array of {question, answer}");
        }
        List<Answer> given = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                throw ApiException.badRequest("invalid_field", "answers[" + i + "] must be {question, answer}");
            }
            given.add(new Answer(req.string(item, "question").orElse(""), req.string(item, "answer").orElse("")));
        }
        List<Answer> set = switch (answers.check(given, NAMING)) {
            case Checked.Valid valid -> valid.answers();
            case Checked.Refused refused -> throw ApiException.badRequest(refused.error(), refused.message());
        };
        JsonNode share = body.get("shareWithFamily");
        if (share != null && !share.isNull() && !share.isBoolean()) {
            throw ApiException.badRequest("invalid_field", "'shareWithFamily' must be true or false");
        }
        boolean shareWithFamily = share != null && share.asBoolean(false);
        answers.replace(connection, set, shareWithFamily).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(),
                        ApiException.unavailable("could not store the security answers; retry"));
            } else {
                Responses.noContent(req.ctx(), req.keepAlive());
            }
        });
    }

    void match(Request req, Tenant tenant, String id) {
        Connection connection = owned(tenant, id);
        JsonNode body = req.jsonObject();
        String question = req.string(body, "question").map(String::strip).filter(q -> !q.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("missing_field",
                        "'question' is required: the security question the portal shows"));
        if (question.length() > MAX_QUESTION) {
            throw ApiException.badRequest("invalid_field", "'question' must be at most " + MAX_QUESTION + " characters");
        }
        String answer = answers.match(connection, question).orElseThrow(() -> ApiException.noMatch(
                "no stored security question of this connection matches this one well enough; ask the account owner"));
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, Map.of("answer", answer));
    }

    private Connection owned(Tenant tenant, String id) {
        return Routes.owned(store, tenant, id);
    }
}
