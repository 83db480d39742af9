//! The device's name ("Caja 1", "iPhone de Ana"), sent as `Device-Name` on every POST so the
//! shop sees who did what. Pure: the host name is passed in by the shell, never read here.

/// The longest name the backend accepts (API.md: 1–64 printable characters).
pub const MAX_DEVICE_NAME_CHARS: usize = 64;

/// `raw` as the backend accepts it: control characters dropped, spaces trimmed, at most 64
/// characters; `None` when nothing is left.
pub fn clean_device_name(raw: &str) -> Option<String> {
    let printable: String = raw.chars().filter(|c| !c.is_control()).collect();
    let trimmed = printable.trim();
    if trimmed.is_empty() {
        return None;
    }
    let cut: String = trimmed.chars().take(MAX_DEVICE_NAME_CHARS).collect();
    Some(cut.trim_end().to_string())
}

/// The name to use before the owner picks one: the machine's host name without its domain
/// ("caja-1.local" → "caja-1").
pub fn default_device_name(host_name: &str) -> Option<String> {
    let host = host_name.trim();
    let short = host.split('.').next().unwrap_or(host);
    clean_device_name(short)
}

/// The name in force: the owner's setting when it has one, else the host's.
pub fn effective_device_name(setting: Option<&str>, host_name: Option<&str>) -> Option<String> {
    setting
        .and_then(clean_device_name)
        .or_else(|| host_name.and_then(default_device_name))
}
