#!/usr/bin/env python3
"""Re-runs the shell transcripts of README.md and docs/*.md (the rules of
Tests/TestSupport/Transcript.swift) and rewrites the output of every command whose output no
longer matches, keeping each expected line whose pattern (with `…` elisions) still matches the
line it stands for. Prints the commands it changed; review the diff before committing.

Usage: python3 scripts/refresh-transcripts.py [DOCUMENT ...]   (needs .build/debug/lagrange)
"""
import os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ELISION = "…"
SHELL = {"", "sh", "shell", "console"}


def line_matches(pattern, line):
    parts = pattern.split(ELISION)
    if len(parts) == 1:
        return pattern == line
    if not line.startswith(parts[0]):
        return False
    rest = line[len(parts[0]):]
    for part in parts[1:-1]:
        k = rest.find(part)
        if k < 0:
            return False
        rest = rest[k + len(part):]
    return len(rest) >= len(parts[-1]) and rest.endswith(parts[-1])


def clean(lines):
    out = [l.rstrip(" \t") for l in lines]
    while out and out[-1] == "":
        out.pop()
    return out


def matches(expected, actual):
    e, a = clean(expected), clean(actual)
    memo = {}
    def m(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(e):
            r = j == len(a)
        elif e[i] == ELISION:
            r = any(m(i + 1, k) for k in range(j, len(a) + 1))
        else:
            r = j < len(a) and line_matches(e[i], a[j]) and m(i + 1, j + 1)
        memo[(i, j)] = r
        return r
    return m(0, 0)


def refreshed(expected, actual):
    """The actual output, with the old pattern kept wherever it still matches line by line; a
    trailing `…` is kept when the old output ended with one (the tail not shown)."""
    e, a = clean(expected), clean(actual)
    tail = bool(e) and e[-1] == ELISION
    if tail:
        shown = len(e) - 1
        a = a[:shown]
    out = []
    for k, line in enumerate(a):
        out.append(e[k] if k < len(e) and e[k] != ELISION and line_matches(e[k], line) else line)
    return out + ([ELISION] if tail else [])


def clone_root():
    d = tempfile.mkdtemp(prefix="lagrange-docs-")
    for entry in os.listdir(ROOT):
        if entry not in (".build", ".git", ".swiftpm"):
            os.symlink(os.path.join(ROOT, entry), os.path.join(d, entry))
    return d


def refresh(document):
    path = os.path.join(ROOT, document)
    lines = open(path, encoding="utf-8").read().split("\n")
    directory = clone_root()
    env = dict(os.environ, PATH=os.path.join(ROOT, ".build", "debug") + ":" + os.environ.get("PATH", ""))
    out, i, changed = [], 0, 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        if not line.startswith("```"):
            i += 1
            continue
        info = line[3:].strip()
        j = i + 1
        body = []
        while j < len(lines) and not lines[j].startswith("```"):
            body.append(lines[j])
            j += 1
        previous = lines[i - 1].strip() if i > 0 else ""
        if info in SHELL and not previous.startswith("<!-- not run:"):
            k = 0
            while k < len(body):
                if body[k].startswith("$ "):
                    command = body[k][2:]
                    expected = []
                    k2 = k + 1
                    while k2 < len(body) and not body[k2].startswith("$ "):
                        expected.append(body[k2])
                        k2 += 1
                    run = subprocess.run(["/bin/sh", "-c", "exec 2>&1; " + command], cwd=directory, env=env,
                                         stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
                    actual = run.stdout.decode("utf-8", "replace").split("\n")
                    out.append(body[k])
                    if matches(expected, actual):
                        out.extend(expected)
                    else:
                        changed += 1
                        print(f"{document}: refreshed `{command}`")
                        new = refreshed(expected, actual)
                        trailing = len(expected) - len(clean(expected))
                        out.extend(new + [""] * trailing)
                    k = k2
                else:
                    out.append(body[k])
                    k += 1
        else:
            out.extend(body)
        if j < len(lines):
            out.append(lines[j])
        i = j + 1
    open(path, "w", encoding="utf-8").write("\n".join(out))
    return changed


if __name__ == "__main__":
    docs = sys.argv[1:] or ["README.md"] + sorted("docs/" + f for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
    total = sum(refresh(d) for d in docs)
    print(f"{total} command(s) refreshed")
