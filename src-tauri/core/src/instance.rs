//! One running app per data directory (issue 11, item 10).
//!
//! The shell's single-instance guard owns a D-Bus name on Linux; two launches on the same
//! data directory share it (the second focuses the first and exits), while a demo or test
//! profile on another directory (`MOSTRADOR_DATA_DIR`) runs beside the owner's desk.

/// The single-instance id for the app `identifier` on `data_dir` (`None`: the platform's
/// default directory). A valid D-Bus name: dot-separated elements of letters, digits and `_`,
/// none starting with a digit.
pub fn single_instance_id(identifier: &str, data_dir: Option<&str>) -> String {
    let base: String = identifier
        .split('.')
        .filter(|e| !e.is_empty())
        .map(|element| {
            let clean: String = element
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            if clean.starts_with(|c: char| c.is_ascii_digit()) {
                format!("_{clean}")
            } else {
                clean
            }
        })
        .collect::<Vec<_>>()
        .join(".");
    match data_dir {
        None => base,
        Some(dir) => format!("{base}.d{:016x}", fnv1a(dir.as_bytes())),
    }
}

/// FNV-1a, 64 bits: stable across builds and platforms (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
