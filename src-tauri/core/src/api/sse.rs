//! A small `text/event-stream` parser for `GET /v1/events`: bytes in, events out. Events are
//! only wake-ups (state is read through `GET /v1/orders`), so only `id`, `event` and `data`
//! matter.

/// One dispatched event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SseEvent {
    /// `id:` (the change's seq), the value to resume from with `Last-Event-ID`.
    pub id: Option<String>,
    /// `event:` ("order"); "message" when absent.
    pub event: String,
    /// `data:` lines joined by `\n`.
    pub data: String,
}

/// Incremental parser: feed chunks as they arrive, take complete events.
#[derive(Debug, Default)]
pub struct SseParser {
    buffer: Vec<u8>,
    current: SseEvent,
    has_data: bool,
    /// Lines seen, comments (`: ping`) included: proof the stream is alive.
    pub lines_seen: u64,
}

/// A line longer than this is garbage; the buffer is dropped rather than grown forever.
const MAX_LINE: usize = 64 * 1024;

impl SseParser {
    /// Feeds a chunk; returns the events it completed.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        self.buffer.extend_from_slice(chunk);
        let mut out = Vec::new();
        while let Some(pos) = self.buffer.iter().position(|b| *b == b'\n') {
            let mut line: Vec<u8> = self.buffer.drain(..=pos).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            self.lines_seen += 1;
            if let Some(event) = self.line(&String::from_utf8_lossy(&line)) {
                out.push(event);
            }
        }
        if self.buffer.len() > MAX_LINE {
            self.buffer.clear();
        }
        out
    }

    fn line(&mut self, line: &str) -> Option<SseEvent> {
        if line.is_empty() {
            if !self.has_data {
                self.current = SseEvent::default();
                return None;
            }
            let mut event = std::mem::take(&mut self.current);
            self.has_data = false;
            if event.event.is_empty() {
                event.event = "message".into();
            }
            return Some(event);
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "id" => self.current.id = Some(value.to_string()),
            "event" => self.current.event = value.to_string(),
            "data" => {
                if self.has_data {
                    self.current.data.push('\n');
                }
                self.current.data.push_str(value);
                self.has_data = true;
            }
            _ => {}
        }
        None
    }
}
