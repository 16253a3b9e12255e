"""A second implementation of the policy evaluator (contracts §5 and §10), in Python, written from the
contract rather than from the TypeScript: it checks that policy-cases.json can be met outside TypeScript.

Usage: python3 reference.py policy-cases.json   (prints the failing cases; exit status 1 if any)
"""
import json
import sys


def stable_fraction(key: str) -> float:
    """FNV-1a, 32 bits, over the key's UTF-16 code units (what JavaScript's charCodeAt gives), then
    murmur3's 32-bit finalizer, over 2^32."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h / 2**32


def in_range(value, r):
    return all([
        "gt" not in r or value > r["gt"], "gte" not in r or value >= r["gte"],
        "lt" not in r or value < r["lt"], "lte" not in r or value <= r["lte"],
    ])


def matches(when, f):
    if not when:
        return True
    if "taskType" in when and f["taskType"] not in when["taskType"]:
        return False
    if "contextTokens" in when and not in_range(f["contextTokens"], when["contextTokens"]):
        return False
    if "toolCount" in when and not in_range(f["toolCount"], when["toolCount"]):
        return False
    for key, wanted in (when.get("metadata") or {}).items():
        value = (f.get("metadata") or {}).get(key)
        if value is None or not (value in wanted if isinstance(wanted, list) else value == wanted):
            return False
    return True


def choose(policy, f):
    key = f.get("traceId") or f["callId"]
    rule = next((r for r in policy.get("rules", []) if matches(r.get("when"), f)), None)
    explore = policy.get("explore")
    rate = explore["rate"] if explore and matches(explore.get("when"), f) else 0

    def share(model):
        if rule is None:
            return 1.0 if model == policy["defaultModel"] else 0.0
        if "model" in rule:
            return 1.0 if model == rule["model"] else 0.0
        total = sum(a["weight"] for a in rule["split"])
        return sum(a["weight"] for a in rule["split"] if a["model"] == model) / total

    def pick(model):
        p = share(model)
        if rate:
            p = (1 - rate) * p + rate * explore["models"].count(model) / len(explore["models"])
        # The split arm is the index of the served model among the matching rule's arms (null without a split).
        arm = next((i for i, a in enumerate(rule["split"]) if a["model"] == model), None) if rule and "split" in rule else None
        return {"model": model, "ruleId": rule["id"] if rule else None, "propensity": p, "arm": arm}

    x = stable_fraction("explore:" + key) if rate > 0 else 1
    if x < rate:
        models = explore["models"]
        return pick(models[min(len(models) - 1, int(x / rate * len(models)))])
    if rule is None:
        return pick(policy["defaultModel"])
    if "model" in rule:
        return pick(rule["model"])
    arms = rule["split"]
    point = stable_fraction(rule["id"] + ":" + key) * sum(a["weight"] for a in arms)
    for a in arms:
        point -= a["weight"]
        if point < 0:
            return pick(a["model"])
    return pick(arms[-1]["model"])


def main(path):
    doc = json.load(open(path, encoding="utf-8"))
    failed = 0
    for h in doc["hashes"]:
        if stable_fraction(h["key"]) != h["fraction"]:
            failed += 1
            print("hash", repr(h["key"]), stable_fraction(h["key"]), "!=", h["fraction"])
    for case in doc["cases"]:
        policy = doc["policies"][case["policy"]]
        got = choose(policy, case["features"])
        want = case["expect"]
        if got["model"] != want["model"] or got["ruleId"] != want["ruleId"] or got["arm"] != want["arm"] or abs(got["propensity"] - want["propensity"]) > 1e-12:
            failed += 1
            print("case", case["name"], got, "!=", want)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
