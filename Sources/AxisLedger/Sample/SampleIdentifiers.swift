/// Generation ids, request ids and idempotency keys that look random but are
/// unique by construction: each is a bijective scramble of a serial number
/// (the org's index in the high bits, a counter in the low bits) XOR-ed with
/// salts drawn from the seeded generator. Random 64-bit ids would collide
/// with a tiny probability; a collision of generationIds would silently change
/// the billed count, so the sample rules it out instead.
struct SampleIdentifiers {
    /// Bits of a serial number given to the counter; the org index goes above them.
    static let counterBits = 40

    private let generationSalt: UInt64
    private let requestSalt: UInt64
    private let keySalt: UInt64

    init(random: inout SampleRandom) {
        generationSalt = random.next()
        requestSalt = random.next() & SampleIdentifiers.mask(60)
        keySalt = random.next() & SampleIdentifiers.mask(62)
    }

    /// A serial number unique to one org and one counter value.
    static func serial(orgIndex: Int, counter: UInt64) -> UInt64 {
        (UInt64(orgIndex) << UInt64(counterBits)) | counter
    }

    /// `gen_` and 16 lowercase hex digits.
    func appendGenerationId(_ serial: UInt64, to buffer: inout SampleLineBuffer) {
        buffer.append("gen_")
        buffer.appendHex(SampleIdentifiers.scramble(serial ^ generationSalt, bits: 64), digits: 16)
    }

    /// `req_` and 12 lowercase base-36 characters.
    func appendRequestId(_ serial: UInt64, to buffer: inout SampleLineBuffer) {
        buffer.append("req_")
        var value = SampleIdentifiers.scramble((serial ^ requestSalt) & SampleIdentifiers.mask(60), bits: 60)
        var digits = [UInt8](repeating: 0, count: 12)
        for index in stride(from: 11, through: 0, by: -1) {
            digits[index] = SampleIdentifiers.base36[Int(value % 36)]
            value /= 36
        }
        buffer.append(bytes: digits)
    }

    /// A version-4-shaped UUID: random high bits, the unique scramble in the low 62 bits.
    func appendIdempotencyKey(_ serial: UInt64, high: UInt64, to buffer: inout SampleLineBuffer) {
        let versioned = (high & ~0xF000) | 0x4000
        let low = (UInt64(0b10) << 62) | SampleIdentifiers.scramble((serial ^ keySalt) & SampleIdentifiers.mask(62), bits: 62)
        buffer.appendHex(versioned >> 32, digits: 8)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.appendHex((versioned >> 16) & 0xFFFF, digits: 4)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.appendHex(versioned & 0xFFFF, digits: 4)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.appendHex(low >> 48, digits: 4)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.appendHex(low & 0xFFFF_FFFF_FFFF, digits: 12)
    }

    static let base36: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    static func mask(_ bits: Int) -> UInt64 {
        bits == 64 ? ~0 : (UInt64(1) << UInt64(bits)) - 1
    }

    /// A bijection on `bits`-bit numbers: xor-shifts and odd multipliers modulo 2^bits.
    static func scramble(_ input: UInt64, bits: Int) -> UInt64 {
        let m = mask(bits)
        var x = input & m
        x ^= x >> UInt64(bits / 2)
        x = (x &* 0xBF58_476D_1CE4_E5B9) & m
        x ^= x >> UInt64(bits / 2 - 3)
        x = (x &* 0x94D0_49BB_1331_11EB) & m
        x ^= x >> UInt64(bits / 2 + 1)
        return x
    }
}
