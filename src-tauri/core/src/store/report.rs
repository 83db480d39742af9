//! What opening the files found damaged and what was done, told to the owner in Spanish and
//! English (the UI through `SyncStatus::storage`, the CLI on stderr, the logs).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::salvage::Tally;

/// Damage found when the store opened. Absent when both files were sound.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StorageReport {
    /// The order cache was damaged: moved aside, to be downloaded again from the backend.
    pub cache_reset: bool,
    /// The state file (queued actions, settings, the connection) was damaged or had vanished.
    pub state_damaged: bool,
    /// Queued (not yet sent) actions kept from a damaged file.
    pub kept_actions: u32,
    /// Actions known to have existed whose rows could not be read.
    pub lost_actions: u32,
    /// Whether the losses are known (the outbox's index could be read); when not, more
    /// actions may have been lost than `lost_actions` says.
    pub losses_known: bool,
    /// The backend URL was kept (otherwise the owner must connect the store again).
    pub connection_kept: bool,
    /// The owner's settings were kept (otherwise the defaults apply).
    pub settings_kept: bool,
    /// Where the damaged files were moved (kept a week, then removed).
    pub moved_aside: Vec<String>,
    /// The state file was moved aside (it was there, damaged), not missing or empty.
    #[serde(skip)]
    #[ts(skip)]
    pub state_aside: bool,
    /// What to tell the owner, in Spanish.
    pub es: String,
    /// What to tell the owner, in English.
    pub en: String,
}

impl StorageReport {
    /// The text in the owner's language.
    pub fn text(&self, language: crate::text::Language) -> &str {
        language.pick(&self.es, &self.en)
    }

    pub(crate) fn cache_damaged(&mut self, aside: String) {
        self.es.clear();
        self.en.clear();
        self.cache_reset = true;
        self.moved_aside.push(aside);
    }

    pub(crate) fn state_salvaged(&mut self, tally: &Tally, aside: String, push_aside: bool) {
        self.state_damaged = true;
        self.kept_actions += tally.kept_pending;
        self.lost_actions += tally.lost_pending;
        self.losses_known = tally.index_seen;
        self.connection_kept = tally.keys.iter().any(|k| k == super::meta::KEY_URL);
        self.settings_kept = tally.keys.iter().any(|k| k == super::meta::KEY_SETTINGS);
        if push_aside {
            self.state_aside = true;
            self.moved_aside.push(aside);
        }
    }

    pub(crate) fn state_vanished(&mut self) {
        self.state_damaged = true;
        self.losses_known = false;
    }

    /// Writes the texts from the facts.
    pub(crate) fn finish(mut self) -> Option<StorageReport> {
        if !self.cache_reset && !self.state_damaged {
            return None;
        }
        let mut es = Vec::new();
        let mut en = Vec::new();
        if self.state_damaged {
            let (k, l) = (self.kept_actions, self.lost_actions);
            if self.state_aside {
                es.push(
                    "El archivo de acciones en espera y ajustes estaba dañado; se apartó. ".into(),
                );
                en.push(
                    "The file of queued actions and settings was damaged; it was set aside. "
                        .into(),
                );
            } else {
                es.push(
                    "El archivo de acciones en espera y ajustes faltaba o estaba vacío. ".into(),
                );
                en.push("The file of queued actions and settings was missing or empty. ".into());
            }
            es.push(format!("Se recuperaron {k} acciones en espera"));
            en.push(format!("{k} queued actions were recovered"));
            if l > 0 {
                es.push(format!("; {l} no se pudieron leer. Revisa esos pedidos"));
                en.push(format!("; {l} could not be read. Check those orders"));
            } else if !self.losses_known {
                es.push("; no se puede asegurar que no faltara ninguna. Revisa la cola".into());
                en.push("; it cannot be told whether any were lost. Check the queue".into());
            }
            es.push(".".into());
            en.push(".".into());
            if self.connection_kept {
                es.push(" Se conservó la conexión con la tienda.".into());
                en.push(" The store connection was kept.".into());
            } else {
                es.push(" Vuelve a conectar la tienda.".into());
                en.push(" Connect the store again.".into());
            }
            if !self.settings_kept {
                es.push(" Los ajustes volvieron a los de fábrica.".into());
                en.push(" Settings are back to the defaults.".into());
            }
        }
        if self.cache_reset {
            let space = if self.state_damaged { " " } else { "" };
            es.push(format!(
                "{space}La copia local de pedidos estaba dañada; se apartó y se vuelve a \
                 descargar del servidor."
            ));
            en.push(format!(
                "{space}The local copy of orders was damaged; it was set aside and is being \
                 downloaded again from the server."
            ));
            if !self.state_damaged {
                es.push(" Las acciones en espera y los ajustes están intactos.".into());
                en.push(" Queued actions and settings are intact.".into());
            }
        }
        self.es = es.concat();
        self.en = en.concat();
        Some(self)
    }
}
