//! API.md "Devices and push": `POST /v1/devices` registers where the platform should push,
//! `DELETE /v1/devices/{id}` stops it.

use reqwest::header;
use serde::{Deserialize, Serialize};

use super::{ApiClient, ApiError, encode_segment, map_reqwest};

/// Where a phone wants its pushes (the body of `POST /v1/devices`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRegistration {
    /// What the shop calls the device: "iPhone de Ana".
    pub name: String,
    /// `apns`, `fcm` or `unifiedpush`.
    pub platform: String,
    /// The APNs/FCM token, or the UnifiedPush endpoint URL.
    pub token: String,
    /// `es` or `en`: the language of the pushed texts.
    pub lang: String,
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

impl ApiClient {
    /// `POST /v1/devices` with `key` as the `Idempotency-Key`; the device's id.
    pub async fn register_device(
        &self,
        device: &DeviceRegistration,
        key: &str,
    ) -> Result<String, ApiError> {
        let body = serde_json::to_vec(device).map_err(|e| ApiError::Decode(e.to_string()))?;
        let response = self
            .http
            .post(format!("{}/v1/devices", self.base))
            .bearer_auth(&*self.token)
            .header("Idempotency-Key", key)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(map_reqwest)?;
        let body = self.finish(response).await?;
        let created: Created =
            serde_json::from_slice(&body).map_err(|e| ApiError::Decode(e.to_string()))?;
        Ok(created.id)
    }

    /// `DELETE /v1/devices/{id}`.
    pub async fn delete_device(&self, id: &str) -> Result<(), ApiError> {
        let response = self
            .http
            .delete(format!("{}/v1/devices/{}", self.base, encode_segment(id)))
            .bearer_auth(&*self.token)
            .send()
            .await
            .map_err(map_reqwest)?;
        self.finish(response).await.map(|_| ())
    }
}
