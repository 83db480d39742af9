//! Staff notes on Shopify against its test server: a block appended to the order's one
//! `note` with `orderUpdate`, read back with its device and time while the customer's note
//! stays theirs; once despite a 503, a 429 or a connection dropped after Shopify applied it;
//! an empty note refused in both languages. (Named under `shopify_contract` so
//! scripts/shopify-schema.sh records these answers too and checks them against the schema.)

use mostrador_core::money::Currency;
use mostrador_core::platforms::shopify::ApplyOutcome;
use mostrador_core::platforms::shopify::notes::MARKER;
use mostrador_core::view::ActionKind;
use serde_json::json;

use super::shopify_contract::{client, create, faults, inspect, shopify_action, start};

fn note(text: &str) -> ActionKind {
    ActionKind::Note { text: text.into() }
}

#[tokio::test]
async fn a_staff_note_is_appended_once_and_read_back() {
    let fake = start().await;
    let api = client(&fake);
    let (gid, n) = create(&fake, json!({})).await;
    let key = "00000000-0000-4000-8000-0000000000n1";
    let step = shopify_action(key, &gid, note("Llamar al llegar"));
    let out = api.apply(&step, Currency::MXN).await;
    let ApplyOutcome::Applied(Some(order)) = &out else {
        panic!("{out:?}")
    };
    assert_eq!(
        order.notes.as_deref(),
        Some("Sin cebolla, por favor"),
        "the customer's note stays the customer's"
    );
    assert_eq!(order.staff_notes.len(), 1, "{:?}", order.staff_notes);
    let staff = &order.staff_notes[0];
    assert_eq!(staff.text, "Llamar al llegar");
    assert_eq!(staff.device.as_deref(), Some("Caja 1"));
    assert_eq!(staff.at, step.at, "the time it was written, not sent");
    let state = inspect(&fake, n).await;
    let text = state["note"].as_str().expect("a note").to_string();
    assert!(
        text.starts_with("Sin cebolla, por favor\n\n[Caja 1 · 2026-12-01 14:05 UTC · "),
        "{text}"
    );
    assert!(matches!(
        api.apply(&step, Currency::MXN).await,
        ApplyOutcome::Applied(_)
    ));
    assert_eq!(
        inspect(&fake, n).await["effects"]["orderUpdate"],
        1,
        "the same action again is found done"
    );
    // A second note goes under the first.
    let second = shopify_action(
        "00000000-0000-4000-8000-0000000000n2",
        &gid,
        note("Pagará con $500"),
    );
    let ApplyOutcome::Applied(Some(order)) = api.apply(&second, Currency::MXN).await else {
        panic!("the second note")
    };
    let texts: Vec<&str> = order.staff_notes.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Llamar al llegar", "Pagará con $500"]);
}

#[tokio::test]
async fn a_staff_note_survives_faults_without_doubling() {
    let fake = start().await;
    let api = client(&fake);
    let (gid, n) = create(&fake, json!({})).await;
    let step = shopify_action(
        "00000000-0000-4000-8000-0000000000n3",
        &gid,
        note("Sin cilantro"),
    );
    faults(&fake, json!({ "error_rate": 1.0 })).await;
    assert!(matches!(
        api.apply(&step, Currency::MXN).await,
        ApplyOutcome::Unknown { .. }
    ));
    faults(&fake, json!({ "rate_limit_rate": 1.0, "retry_after_s": 2 })).await;
    assert!(matches!(
        api.apply(&step, Currency::MXN).await,
        ApplyOutcome::Unknown { .. }
    ));
    faults(&fake, json!({ "drop_after_commit_rate": 1.0 })).await;
    assert!(
        matches!(
            api.apply(&step, Currency::MXN).await,
            ApplyOutcome::Unknown { .. }
        ),
        "Shopify applied it but the answer was lost"
    );
    faults(&fake, json!({})).await;
    let out = api.apply(&step, Currency::MXN).await;
    let ApplyOutcome::Applied(Some(order)) = &out else {
        panic!("{out:?}")
    };
    assert_eq!(order.staff_notes.len(), 1, "not doubled");
    let state = inspect(&fake, n).await;
    assert_eq!(state["effects"]["orderUpdate"], 1);
    assert_eq!(
        state["note"].as_str().map(|t| t.matches(MARKER).count()),
        Some(1)
    );
}

#[tokio::test]
async fn an_empty_staff_note_is_refused_in_both_languages() {
    let fake = start().await;
    let api = client(&fake);
    let (gid, n) = create(&fake, json!({})).await;
    let step = shopify_action("00000000-0000-4000-8000-0000000000n4", &gid, note("  \n "));
    match api.apply(&step, Currency::MXN).await {
        ApplyOutcome::Rejected(reason) => {
            assert_eq!(reason.es, "Escribe la nota.");
            assert_eq!(reason.en, "Write the note.");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(inspect(&fake, n).await["effects"]["orderUpdate"].is_null());
}
