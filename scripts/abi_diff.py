"""Compare two ink! metadata files, ignoring what depends on the build rather than the
source's interface (code hash, embedded code, build info). Exit 1 and print the first
differences if the ABIs differ, or if the committed file is missing."""
import json
import sys


def normalized(path):
    with open(path) as f:
        meta = json.load(f)
    source = meta.get("source", {})
    for key in ("hash", "wasm", "build_info"):
        source.pop(key, None)
    return meta


def diff(a, b, path="$"):
    if type(a) is not type(b):
        yield f"{path}: {a!r} != {b!r}"
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                yield f"{path}.{k}: only in {'new' if k in b else 'committed'}"
            else:
                yield from diff(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            yield f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            yield from diff(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {a!r} != {b!r}"


def main():
    committed, built = sys.argv[1], sys.argv[2]
    try:
        old = normalized(committed)
    except FileNotFoundError:
        print(f"[abi] {committed}: not committed yet")
        return 1
    found = list(diff(old, normalized(built)))
    for line in found[:10]:
        print(f"[abi] {committed}: {line}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
