"""The transport against a real loopback server: retries, throttles, budget, faults in words, redaction, trace, replay."""

import json
import random

import pytest

from leakcheck.transport import (
    AuthFailed, BadResponse, Budget, BudgetExhausted, NotFound, ReadOnlyPolicy, Recorder, Redactor, ReplayStore,
    ServerFault, ShopifyCostBucket, TraceWriter, Transport, TransportError, Unreachable,
)
from tests.emulators.base import free_port

POLICY = ReadOnlyPolicy(read_posts=("/search",), graphql_posts=("/graphql.json",))
TOKEN = "tok_RECOGNISABLE_0123456789"


class Bearer:
    def __init__(self, token=TOKEN, fresh=None):
        self.token, self.fresh, self.refreshed = token, fresh, 0

    def headers(self, transport):
        return {"Authorization": f"Bearer {self.token}"}

    def refresh(self, transport):
        if self.fresh is None:
            return False
        self.refreshed += 1
        self.token = self.fresh
        transport.redactor.add(self.fresh)
        return True


def make(server, **kw):
    slept = []
    kw.setdefault("policy", POLICY)
    t = Transport("shop", server.url, rng=random.Random(3), sleep=slept.append, **kw)
    return t, slept


def test_429_then_200_recovers_honouring_retry_after(server):
    server.queue((429, {"errors": [{"code": "RATE_LIMITED"}]}, {"Retry-After": "2"}), (200, {"ok": 1}))
    t, slept = make(server)
    assert t.get("/items", what="items").json() == {"ok": 1}
    assert slept == [2.0] and t.stats.retries == 1 and len(server.seen) == 2


def test_5xx_on_every_attempt_names_the_channel_and_what(server):
    server.queue(*[(503, {"errors": "busy"})] * 5)
    t, slept = make(server, max_attempts=3)
    with pytest.raises(ServerFault) as err:
        t.get("/items", what="catalog items")
    assert str(err.value).startswith("shop: catalog items not read: HTTP 503")
    assert len(server.seen) == 3 and len(slept) == 2


def test_a_401_is_refreshed_once_then_named(server):
    server.queue((401, {"errors": "[API] Invalid API key or access token"}), (200, {"ok": 1}))
    auth = Bearer(fresh="tok_FRESH_abcdefghij")
    t, _ = make(server, auth=auth)
    assert t.get("/items", what="items").json() == {"ok": 1}
    assert auth.refreshed == 1 and server.seen[1]["headers"]["Authorization"] == "Bearer tok_FRESH_abcdefghij"
    server.queue((401, {"errors": "revoked"}), (401, {"errors": "revoked"}))
    with pytest.raises(AuthFailed, match="HTTP 401"):
        make(server, auth=Bearer())[0].get("/items", what="items")


def test_404_points_at_the_address(server):
    server.queue((404, {"errors": "Not Found"}))
    with pytest.raises(NotFound, match="shop domain or base_url"):
        make(server)[0].get("/nope", what="locations")


def test_connection_refused_and_timeouts_are_one_line():
    t = Transport("till", f"http://127.0.0.1:{free_port()}", policy=POLICY, sleep=lambda s: None, max_attempts=2)
    with pytest.raises(Unreachable, match="connection refused"):
        t.get("/v2/locations", what="locations")


def test_a_stalled_answer_times_out_and_is_retried(server):
    server.queue(("stall", 0.5), (200, {"ok": 1}))
    t, slept = make(server, timeout=(1.0, 0.2))
    assert t.get("/items", what="items").json() == {"ok": 1}
    assert len(slept) == 1


def test_a_cut_body_is_retried_then_named(server):
    server.queue(*[("cut", {"data": list(range(200))})] * 2)
    t, _ = make(server, max_attempts=2)
    with pytest.raises(Unreachable, match="cut the answer off"):
        t.get("/items", what="items")


def test_malformed_json_is_a_bad_response(server):
    server.queue((200, b'{"data": [1, 2', {"Content-Type": "application/json"}))
    with pytest.raises(BadResponse, match="not valid JSON"):
        make(server)[0].get("/items", what="items").json()


def test_the_budget_is_never_overslept(server):
    server.queue((429, {}, {"Retry-After": "30"}))
    t, slept = make(server, budget=Budget(5.0))
    with pytest.raises(BudgetExhausted, match="time budget ran out"):
        t.get("/items", what="orders")
    assert slept == []


def test_shopify_throttled_with_200_or_429_waits_for_the_bucket(server):
    throttled = {"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
                 "extensions": {"cost": {"requestedQueryCost": 70, "actualQueryCost": None,
                                         "throttleStatus": {"maximumAvailable": 2000, "currentlyAvailable": 20,
                                                            "restoreRate": 100}}}}
    fine = {"data": {"shop": {"name": "x"}}, "extensions": {"cost": {"requestedQueryCost": 70, "actualQueryCost": 12,
            "throttleStatus": {"maximumAvailable": 2000, "currentlyAvailable": 1988, "restoreRate": 100}}}}
    server.queue((200, throttled), (429, throttled), (200, fine))
    now = [0.0]
    bucket = ShopifyCostBucket(clock=lambda: now[0])
    slept = []
    t = Transport("shop", server.url, policy=POLICY, limit=bucket,
                  sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)))
    body = {"query": "{ shop { name } }"}
    assert t.post("/graphql.json", what="shop", json=body).json()["data"]["shop"]["name"] == "x"
    assert slept == [pytest.approx(0.5), pytest.approx(0.5)]  # (70 - 20) / 100, twice
    assert bucket.throttled == 2 and bucket.points_used == 12 and bucket.cost(body["query"]) == 70


def test_the_cost_bucket_paces_before_sending():
    now = [0.0]
    bucket = ShopifyCostBucket(clock=lambda: now[0])
    q = {"query": "{ big }"}
    bucket.after(200, {"extensions": {"cost": {"requestedQueryCost": 500, "actualQueryCost": 480, "throttleStatus": {
        "maximumAvailable": 2000, "currentlyAvailable": 600, "restoreRate": 100}}}}, q)
    assert bucket.before(q) == 0.0  # 600 available, 500 needed
    assert bucket.before(q) == pytest.approx(4.0)  # 100 left, 500 needed: 4 s at 100/s
    now[0] = 10.0
    assert bucket.before(q) == pytest.approx(0.0)


def test_an_answer_does_not_hand_out_points_other_threads_already_spent():
    """Two queries go out at once; the first answer's ``currentlyAvailable`` cannot know of the second,
    which is still in flight: its points stay spent, so a third query waits for them."""
    now = [0.0]
    bucket = ShopifyCostBucket(clock=lambda: now[0])
    status = {"maximumAvailable": 1000, "currentlyAvailable": 1000, "restoreRate": 100}
    bucket.after(200, {"extensions": {"cost": {"requestedQueryCost": 2, "throttleStatus": status}}}, {"query": "{ a }"})
    page = "{ products(first: 99) { nodes { id } } }"  # 2 + 99 x 1 = 101 points, worked out before sending
    one, two, three = ({"query": page} for _ in range(3))
    assert bucket.cost(page) == 101
    assert bucket.before(one) == 0.0 and bucket.before(two) == 0.0
    assert bucket.projected() == pytest.approx(1000 - 202)
    # Shopify ran `one` only (charged 101, refunded nothing yet): two's 101 points are still on their way
    bucket.after(200, {"extensions": {"cost": {"requestedQueryCost": 101, "actualQueryCost": 101, "throttleStatus": {
        **status, "currentlyAvailable": 899}}}}, one)
    assert bucket.projected() == pytest.approx(899 - 101)
    bucket.lost(two)  # two never got an answer: its points come back
    assert bucket.projected() == pytest.approx(899)
    assert bucket.before(three) == 0.0


def test_secrets_never_leave_in_errors_traces_or_recordings(server, tmp_path):
    server.queue((403, {"errors": [{"code": "FORBIDDEN", "detail": f"token {TOKEN} lacks ITEMS_READ"}]}),
                 (200, {"token_echo": TOKEN, "customer_id": "C1", "items": [{"email": "a@b.c", "sku": "X"}]}))
    trace = TraceWriter(tmp_path / "trace.jsonl")
    recorder = Recorder(tmp_path / "snap", "shop")
    t, _ = make(server, auth=Bearer(), redactor=Redactor([TOKEN]), trace=trace, recorder=recorder)
    with pytest.raises(AuthFailed) as err:
        t.get(f"/items?access_token={TOKEN}&page=2", what="items")
    assert TOKEN not in str(err.value) and "lacks ITEMS_READ" in str(err.value)
    t.get("/items", what="items")
    trace.close(), recorder.close()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert TOKEN not in text, path
            assert "a@b.c" not in text and "C1" not in text, path
    lines = [json.loads(x) for x in (tmp_path / "trace.jsonl").read_text().splitlines()]
    assert [x["status"] for x in lines] == [403, 200]
    assert "access_token=%2A%2A%2A" in lines[0]["url"] or "access_token=***" in lines[0]["url"]
    assert {"ts", "channel", "method", "url", "status", "attempt", "request_bytes", "response_bytes", "ms"} <= set(lines[0])


def test_replay_answers_through_the_same_code_without_a_network(server, tmp_path):
    server.queue((200, {"page": 1}), (200, {"state": "RUNNING"}), (200, {"state": "DONE"}))
    recorder = Recorder(tmp_path, "shop")
    t, _ = make(server, recorder=recorder)
    t.post("/search", what="search", json={"cursor": None})
    t.get("/job", what="job"), t.get("/job", what="job")
    recorder.close()
    trace = TraceWriter(tmp_path / "trace.jsonl")
    replay = Transport("shop", "http://127.0.0.1:9", policy=POLICY, replay=ReplayStore(tmp_path / "shop"), trace=trace)
    assert replay.post("/search", what="search", json={"cursor": None}).json() == {"page": 1}
    assert [replay.get("/job", what="job").json()["state"] for _ in range(3)] == ["RUNNING", "DONE", "DONE"]
    with pytest.raises(TransportError, match="snapshot holds no answer"):
        replay.post("/search", what="search", json={"cursor": "next"})
    trace.close()
    assert all(json.loads(x)["replay"] for x in (tmp_path / "trace.jsonl").read_text().splitlines())
    assert len(server.seen) == 3  # replay sent nothing
