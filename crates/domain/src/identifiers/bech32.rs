//! Bitcoin SegWit addresses: bech32 (BIP 173, witness v0) and bech32m (BIP 350, v1+).

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// Whether `addr` (any single case) is a valid mainnet SegWit address.
pub(crate) fn is_segwit_address(addr: &str) -> bool {
    let b = addr.as_bytes();
    if !(14..=90).contains(&b.len()) {
        return false;
    }
    let has_lower = b.iter().any(u8::is_ascii_lowercase);
    let has_upper = b.iter().any(u8::is_ascii_uppercase);
    if has_lower && has_upper {
        return false;
    }
    let lower = addr.to_ascii_lowercase();
    let Some(data) = lower.strip_prefix("bc1") else {
        return false;
    };
    let mut values = Vec::with_capacity(data.len());
    for c in data.bytes() {
        match CHARSET.iter().position(|&x| x == c) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    if values.len() < 7 {
        return false;
    }
    // HRP "bc" expanded: high bits, 0, low bits.
    let hrp = [b'b' >> 5, b'c' >> 5, 0, b'b' & 31, b'c' & 31];
    let check = polymod(hrp.iter().copied().chain(values.iter().copied()));
    let version = values[0];
    let expected = if version == 0 { BECH32_CONST } else { BECH32M_CONST };
    if version > 16 || check != expected {
        return false;
    }
    // The witness program: 5-bit groups to bytes, no leftover bits beyond padding.
    let payload = &values[1..values.len() - 6];
    let (mut acc, mut bits, mut len) = (0u32, 0u32, 0usize);
    for &v in payload {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            len += 1;
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 5 || acc != 0 {
        return false;
    }
    match version {
        0 => len == 20 || len == 32,
        _ => (2..=40).contains(&len),
    }
}

#[cfg(test)]
mod tests {
    use super::is_segwit_address;

    #[test]
    fn vectors() {
        assert!(is_segwit_address("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"));
        assert!(is_segwit_address("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"));
        assert!(!is_segwit_address("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"));
        assert!(!is_segwit_address("bc1Qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"));
    }
}
