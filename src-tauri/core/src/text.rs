//! The owner's two languages, and the one type every owner-facing sentence is made of.
//!
//! A [`Text`] holds the same sentence in Spanish and English, so no code path can produce a
//! message in one language only; the owner's [`Language`] picks one at the edge (the desk's
//! views, the CLI's lines, the tray). Choosing between two words happens here and nowhere else:
//! [`Language::pick`] for two borrowed words, [`Text::get`] for a sentence. A source scan in
//! the core's tests keeps it so (tests/core/text.rs).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The app's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Language {
    /// Español.
    #[default]
    Es,
    /// English.
    En,
}

impl Language {
    /// One of two things, by language: the only place the core chooses.
    pub fn pick<T>(self, es: T, en: T) -> T {
        match self {
            Language::Es => es,
            Language::En => en,
        }
    }

    /// The language of a BCP 47 tag or locale ("en", "en_US", "es-CL"): English for "en…",
    /// Spanish otherwise.
    pub fn from_tag(tag: &str) -> Language {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Language::En
        } else {
            Language::Es
        }
    }

    /// The BCP 47 tag ("es", "en").
    pub fn tag(self) -> &'static str {
        self.pick("es", "en")
    }
}

/// One owner-facing sentence in Spanish and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Text {
    /// Spanish.
    pub es: String,
    /// English (what logs and `Display` use).
    pub en: String,
}

impl Text {
    /// A sentence in both languages.
    pub fn new(es: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            es: es.into(),
            en: en.into(),
        }
    }

    /// The sentence in `language`.
    pub fn get(&self, language: Language) -> &str {
        language.pick(&self.es, &self.en)
    }

    /// The sentence in `language`, owned.
    pub fn into_string(self, language: Language) -> String {
        language.pick(self.es, self.en)
    }
}

impl std::fmt::Display for Text {
    /// English: for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}
