"""Reader, writer and exact merge of Lagrange statistics files (format version 1), in plain
Python: the format of docs/scale.md read by another language.

A statistics file holds n, the column means x̄ = K + d (shift K, shifted mean d, kept apart so
a large common offset cancels exactly on merge) and the centred scatter
M = Σ (x − x̄)(x − x̄)ᵀ, little-endian, with a CRC-32 (zlib.crc32) of every byte before it.
`merge` is Chan, Golub & LeVeque's pairwise update, as `lagrange merge` computes it.
"""
import struct
import zlib

MAGIC = b"LGRSTATS"
VERSION = 1
NO_TARGET = 0xFFFFFFFF
HEADER = struct.Struct("<8sHHIIIQQQ")  # 48 bytes


class StatisticsError(ValueError):
    pass


class Statistics:
    """n, shift K, shifted mean d, scatter M (list of rows), names, target index, omitted rows."""

    def __init__(self, names, target, count, omitted, shift, shifted_mean, scatter):
        self.names, self.target, self.count, self.omitted = list(names), target, count, omitted
        self.shift, self.shifted_mean, self.scatter = list(shift), list(shifted_mean), [list(r) for r in scatter]

    @property
    def mean(self):
        return [k + d for k, d in zip(self.shift, self.shifted_mean)]

    @property
    def target_name(self):
        return None if self.target is None else self.names[self.target]


def decode(data: bytes) -> Statistics:
    """Validates and reads one statistics file (raises StatisticsError on any damage)."""
    if len(data) < HEADER.size + 4:
        raise StatisticsError("shorter than a header")
    magic, version, flags, q, target, reserved, n, omitted, length = HEADER.unpack_from(data, 0)
    if magic != MAGIC:
        raise StatisticsError("not a Lagrange statistics file")
    if version != VERSION:
        raise StatisticsError(f"format version {version} is not supported")
    if length != len(data):
        raise StatisticsError(f"declares {length} bytes but has {len(data)}")
    (stored,) = struct.unpack_from("<I", data, len(data) - 4)
    if zlib.crc32(data[:-4]) != stored:
        raise StatisticsError("checksum does not match")
    if flags or reserved or not 1 <= q <= 65536 or (target != NO_TARGET and target >= q):
        raise StatisticsError("bad header fields")
    offset, names = HEADER.size, []
    for _ in range(q):
        (size,) = struct.unpack_from("<I", data, offset)
        names.append(data[offset + 4: offset + 4 + size].decode("utf-8"))
        offset += 4 + size
    triangle = q * (q + 1) // 2
    if len(data) - offset != 8 * (2 * q + triangle) + 4:
        raise StatisticsError("numbers do not fit the column count")
    numbers = struct.unpack_from(f"<{2 * q + triangle}d", data, offset)
    shift, shifted_mean, upper = numbers[:q], numbers[q:2 * q], numbers[2 * q:]
    scatter = [[0.0] * q for _ in range(q)]
    position = 0
    for i in range(q):
        for j in range(i, q):
            scatter[i][j] = scatter[j][i] = upper[position]
            position += 1
    return Statistics(names, None if target == NO_TARGET else target, n, omitted, shift, shifted_mean, scatter)


def encode(s: Statistics) -> bytes:
    q = len(s.names)
    encoded = [name.encode("utf-8") for name in s.names]
    length = HEADER.size + sum(4 + len(e) for e in encoded) + 8 * (2 * q + q * (q + 1) // 2) + 4
    out = bytearray(HEADER.pack(MAGIC, VERSION, 0, q, NO_TARGET if s.target is None else s.target, 0,
                                s.count, s.omitted, length))
    for e in encoded:
        out += struct.pack("<I", len(e)) + e
    upper = [s.scatter[i][j] for i in range(q) for j in range(i, q)]
    out += struct.pack(f"<{2 * q + len(upper)}d", *s.shift, *s.shifted_mean, *upper)
    out += struct.pack("<I", zlib.crc32(bytes(out)))
    return bytes(out)


def merge(a: Statistics, b: Statistics) -> Statistics:
    """The statistics of both sets of rows (Chan et al.): δ = (K_b − K_a) + (d_b − d_a),
    M = M_a + M_b + δδᵀ n_a n_b / n, d = d_a + δ n_b / n (relative to a's shift)."""
    if a.names != b.names or a.target != b.target:
        raise StatisticsError("statistics of different columns or targets cannot be merged")
    if b.count == 0:
        return a
    if a.count == 0:
        return b
    n = a.count + b.count
    q = len(a.names)
    delta = [(kb - ka) + (db - da) for ka, kb, da, db in zip(a.shift, b.shift, a.shifted_mean, b.shifted_mean)]
    cross = a.count * b.count / n
    scatter = [[a.scatter[i][j] + (b.scatter[i][j] + cross * delta[i] * delta[j]) for j in range(q)] for i in range(q)]
    shifted = [d + x * (b.count / n) for d, x in zip(a.shifted_mean, delta)]
    return Statistics(a.names, a.target, n, a.omitted + b.omitted, a.shift, shifted, scatter)
