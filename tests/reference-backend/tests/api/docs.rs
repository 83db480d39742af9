use reference_backend::{ErrorCode, ROUTES};

fn read(path: &str) -> String {
    let full = format!("{}/../../docs/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The methods under one path item of the OpenAPI file.
fn methods_of(openapi: &str, path: &str) -> Vec<String> {
    let header = format!("  {path}:");
    let mut lines = openapi.lines().skip_while(|l| *l != header);
    lines.next();
    lines
        .take_while(|l| l.starts_with("    ") || l.is_empty())
        .filter_map(|l| l.strip_prefix("    ")?.strip_suffix(':'))
        .filter(|m| ["get", "post", "put", "delete", "patch"].contains(m))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_route_of_the_router_is_in_the_openapi_file() {
    let openapi = read("openapi.yaml");
    assert!(
        openapi.starts_with("openapi: 3.1"),
        "an OpenAPI 3.1 document"
    );
    for (method, path) in ROUTES {
        assert!(
            methods_of(&openapi, path).iter().any(|m| m == method),
            "docs/openapi.yaml must document {method} {path}"
        );
    }
}

#[test]
fn every_error_code_is_in_the_openapi_file_and_in_api_md() {
    let openapi = read("openapi.yaml");
    let api_md = read("api.md");
    for code in ErrorCode::ALL {
        assert!(
            openapi.contains(code.as_str()),
            "docs/openapi.yaml must list `{}`",
            code.as_str()
        );
        assert!(
            api_md.contains(&format!("`{}`", code.as_str())),
            "docs/api.md must list `{}`",
            code.as_str()
        );
    }
}

#[tokio::test]
async fn every_route_in_the_list_is_served_by_the_router() {
    let api = crate::support::Api::new();
    for (method, path) in ROUTES {
        let concrete = path.replace("{id}", "ord_x").replace("{doc_id}", "doc_x");
        let token = if path.starts_with("/v1/admin") {
            "admin-token"
        } else {
            "test-token"
        };
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let is_events = concrete == "/v1/events";
        let request = api
            .http
            .request(method.clone(), api.url(&concrete))
            .bearer_auth(token)
            .header("Idempotency-Key", crate::support::key())
            .body("{}");
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let detail = if is_events {
            String::new()
        } else {
            response
                .json::<serde_json::Value>()
                .await
                .map(|b| b["detail"].to_string())
                .unwrap_or_default()
        };
        assert_ne!(status, 405, "{method} {path} must be routed");
        assert!(
            !detail.contains("no such route"),
            "{method} {path} must be routed, got {detail}"
        );
    }
}
