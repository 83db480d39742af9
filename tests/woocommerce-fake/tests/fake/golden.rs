//! The fake replays the recorded probe of the real store, and every answer matches the
//! recording field by field, ids and times aside (times are checked for their shape).

use reqwest::Method;
use serde_json::{Value, json};

use super::support::{Fake, probe_order, recording};

/// Keys whose values differ from run to run: ids, times, keys, URLs.
const VOLATILE: &[&str] = &[
    "id",
    "number",
    "order_key",
    "payment_url",
    "_links",
    "date_created",
    "date_modified",
    "date_paid",
    "date_completed",
    "date_created_gmt",
    "date_modified_gmt",
    "date_paid_gmt",
    "date_completed_gmt",
];

fn is_wc_date(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 19 && chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").is_ok()
    })
}

/// Differences between a recorded and a fake answer, as `path: recorded != fake` lines.
pub fn diff(recorded: &Value, fake: &Value, path: &str, out: &mut Vec<String>) {
    match (recorded, fake) {
        (Value::Object(r), Value::Object(f)) => {
            for (k, rv) in r {
                let p = format!("{path}.{k}");
                match f.get(k) {
                    None => out.push(format!("{p}: missing in the fake")),
                    Some(fv) if VOLATILE.contains(&k.as_str()) => {
                        let same_shape = (rv.is_null() && fv.is_null())
                            || (is_wc_date(rv) && is_wc_date(fv))
                            || (!is_wc_date(rv)
                                && !rv.is_null()
                                && !fv.is_null()
                                && std::mem::discriminant(rv) == std::mem::discriminant(fv));
                        if !same_shape {
                            out.push(format!("{p}: recorded {rv} but the fake {fv}"));
                        }
                    }
                    Some(fv) => diff(rv, fv, &p, out),
                }
            }
            for k in f.keys() {
                if !r.contains_key(k) {
                    out.push(format!("{path}.{k}: only in the fake"));
                }
            }
        }
        (Value::Array(r), Value::Array(f)) => {
            if r.len() != f.len() {
                out.push(format!(
                    "{path}: {} items recorded, {} in the fake",
                    r.len(),
                    f.len()
                ));
            }
            for (i, (rv, fv)) in r.iter().zip(f).enumerate() {
                diff(rv, fv, &format!("{path}[{i}]"), out);
            }
        }
        (r, f) if r != f => out.push(format!("{path}: recorded {r} but the fake {f}")),
        _ => {}
    }
}

fn assert_same(name: &str, recorded: &Value, status: u16, answer: &super::support::Answer) {
    let mut out = Vec::new();
    diff(recorded, &answer.body, "", &mut out);
    assert!(
        out.is_empty(),
        "{name} differs from the real store:\n{}",
        out.join("\n")
    );
    let _ = status;
}

fn check(name: &str, answer: &super::support::Answer) {
    let rec = recording(name);
    assert_eq!(
        answer.status.as_u16(),
        rec["status"].as_u64().unwrap_or_default() as u16,
        "{name}: status"
    );
    assert_same(name, &rec["body"], 0, answer);
}

/// The probe of probe-log.txt, step by step, against the fake.
#[tokio::test]
async fn the_fake_replays_the_recorded_probe_field_by_field() {
    let fake = Fake::new();
    fake.freeze("2026-12-01T07:39:21").await;
    let o1 = fake
        .post(
            "/orders",
            probe_order("pending", "bacs", ("local_pickup", "Retiro en tienda", "0")),
        )
        .await;
    check("order_create_pending.json", &o1);
    assert_eq!(
        o1.body["id"], 14,
        "ids follow the products as on the real store"
    );
    let o2 = fake
        .post(
            "/orders",
            probe_order("processing", "cod", ("flat_rate", "Despacho", "3000")),
        )
        .await;
    fake.advance(1).await;
    let o3 = fake
        .post(
            "/orders",
            probe_order("on-hold", "bacs", ("local_pickup", "Retiro en tienda", "0")),
        )
        .await;
    let (id1, id2, id3) = (&o1.body["id"], &o2.body["id"], &o3.body["id"]);

    check(
        "order_totals.json",
        &fake.get("/reports/orders/totals").await,
    );

    fake.advance(1).await;
    let paid = fake
        .put(&format!("/orders/{id1}"), json!({ "set_paid": true }))
        .await;
    check("order_update_status.json", &paid);

    let since = fake
        .get("/orders?modified_after=2026-12-01T07:39:21&dates_are_gmt=true&orderby=modified&order=asc&_fields=id,status,date_modified_gmt&per_page=100")
        .await;
    check("orders_modified_after.json", &since);
    assert_eq!(since.headers["x-wp-total"], "2");
    assert_eq!(since.headers["x-wp-totalpages"], "1");

    check(
        "order_bad_status.json",
        &fake
            .put(&format!("/orders/{id1}"), json!({ "status": "preparing" }))
            .await,
    );
    fake.advance(1).await;
    let note = fake
        .post(
            &format!("/orders/{id1}/notes"),
            json!({ "note": "Pedido en preparación (Mostrador)", "customer_note": false }),
        )
        .await;
    check("order_note.json", &note);

    let refund = json!({ "amount": "2500", "reason": "Falta 1 empanada", "api_refund": false,
                         "meta_data": [{ "key": "_mostrador_idem", "value": "k-1" }] });
    check(
        "refund_manual_partial.json",
        &fake
            .post(&format!("/orders/{id2}/refunds"), refund.clone())
            .await,
    );
    let mut gateway = refund.clone();
    gateway["api_refund"] = json!(true);
    check(
        "refund_gateway_unsupported.json",
        &fake.post(&format!("/orders/{id2}/refunds"), gateway).await,
    );
    let mut over = refund.clone();
    over["amount"] = json!("999999");
    check(
        "refund_over.json",
        &fake.post(&format!("/orders/{id2}/refunds"), over).await,
    );
    let again = fake
        .post(&format!("/orders/{id2}/refunds"), refund.clone())
        .await;
    assert_eq!(again.status, 201, "the same refund twice is made twice");
    check(
        "refunds_list.json",
        &fake.get(&format!("/orders/{id2}/refunds")).await,
    );
    check(
        "order_after_refunds.json",
        &fake.get(&format!("/orders/{id2}")).await,
    );

    check(
        "order_cancel.json",
        &fake
            .put(&format!("/orders/{id3}"), json!({ "status": "cancelled" }))
            .await,
    );

    let rest = fake
        .post(
            &format!("/orders/{id2}/refunds"),
            json!({ "amount": "14800", "api_refund": false }),
        )
        .await;
    assert_eq!(rest.status, 201);
    assert_eq!(
        fake.get(&format!("/orders/{id2}")).await.body["status"],
        "refunded",
        "a full refund turns it refunded"
    );

    fake.advance(1).await;
    let batch = fake
        .post("/orders/batch", json!({ "update": [{ "id": id1, "status": "completed" }, { "id": 999999, "status": "completed" }] }))
        .await;
    check("orders_batch.json", &batch);

    let trash = fake
        .call(Method::DELETE, &format!("/orders/{id3}"), None)
        .await;
    assert_eq!(
        (trash.status.as_u16(), trash.body["status"].as_str()),
        (200, Some("cancelled"))
    );
    let listed = fake.get("/orders?status=trash&_fields=id,status").await;
    assert_eq!(listed.body, json!([{ "id": id3, "status": "trash" }]));
    let gone = fake
        .call(Method::DELETE, &format!("/orders/{id3}?force=true"), None)
        .await;
    assert_eq!(gone.status, 200);
    let after = fake.get("/orders?modified_after=2026-12-01T07:39:20&dates_are_gmt=true&orderby=modified&order=asc&_fields=id,status").await;
    assert_eq!(
        after.body,
        json!([{ "id": id2, "status": "refunded" }, { "id": id1, "status": "completed" }]),
        "as recorded after the force delete"
    );
}
