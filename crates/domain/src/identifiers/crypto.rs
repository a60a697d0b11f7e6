//! Crypto-currency addresses with verified checksums: Bitcoin (base58check P2PKH/P2SH,
//! bech32/bech32m), Ethereum (EIP-55) and TRON (base58check, version 0x41).

use super::bech32;
use super::hash::{keccak256, sha256};

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 digit values by byte, 0xff for bytes outside the alphabet.
static B58_INDEX: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 58 {
        t[B58[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Decodes a base58check string of exactly 25 bytes and verifies its checksum;
/// returns the version byte.
fn base58check_version(s: &str) -> Option<u8> {
    let mut out = [0u8; 25];
    for c in s.bytes() {
        let mut carry = u32::from(B58_INDEX[usize::from(c)]);
        if carry == 0xff {
            return None;
        }
        for byte in out.iter_mut().rev() {
            let x = u32::from(*byte) * 58 + carry;
            *byte = x as u8;
            carry = x >> 8;
        }
        if carry != 0 {
            return None;
        }
    }
    // Each leading '1' stands for one leading zero byte, and only those do.
    let ones = s.bytes().take_while(|&c| c == b'1').count();
    let zeros = out.iter().take_while(|&&x| x == 0).count();
    if ones != zeros {
        return None;
    }
    let check = sha256(&sha256(&out[..21]));
    (check[..4] == out[21..]).then_some(out[0])
}

/// An Ethereum address: `0x` + 40 hex; mixed case must carry a valid EIP-55 checksum.
fn ethereum(w: &str) -> Option<String> {
    let hex = w.strip_prefix("0x").or_else(|| w.strip_prefix("0X"))?;
    if hex.len() != 40 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let lower = hex.to_ascii_lowercase();
    let mixed = hex.bytes().any(|c| c.is_ascii_lowercase()) && hex.bytes().any(|c| c.is_ascii_uppercase());
    if mixed {
        let hash = keccak256(lower.as_bytes());
        for (i, c) in hex.bytes().enumerate() {
            if c.is_ascii_alphabetic() {
                let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
                if c.is_ascii_uppercase() != (nibble >= 8) {
                    return None;
                }
            }
        }
    }
    Some(format!("0x{lower}"))
}

/// The normal form of a crypto address written as one word, if its checksum holds.
pub(crate) fn address(w: &str) -> Option<String> {
    let b = w.as_bytes();
    match b.first()? {
        b'0' if b.len() == 42 => ethereum(w),
        b'b' | b'B' if b.len() >= 14 && b[..3].eq_ignore_ascii_case(b"bc1") => {
            bech32::is_segwit_address(w).then(|| w.to_ascii_lowercase())
        }
        b'1' | b'3' if (25..=35).contains(&b.len()) => {
            let v = base58check_version(w)?;
            (v == 0x00 || v == 0x05).then(|| w.to_owned())
        }
        b'T' if b.len() == 34 => (base58check_version(w)? == 0x41).then(|| w.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn ethereum_eip55() {
        for a in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert_eq!(address(a), Some(a.to_ascii_lowercase()), "{a}");
        }
        // One letter's case flipped breaks the checksum; one case throughout has none.
        assert_eq!(address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAEd"), None);
        assert!(address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").is_some());
        assert!(address("0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED").is_some());
    }

    #[test]
    fn bitcoin_and_tron() {
        // Well-known public addresses (the genesis coinbase, a P2SH example, USDT on TRON).
        assert!(address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa").is_some());
        assert!(address("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy").is_some());
        assert!(address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").is_some());
        assert_eq!(address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"), None);
        assert_eq!(address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u"), None);
        assert_eq!(
            address("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4").as_deref(),
            Some("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
        );
    }
}
