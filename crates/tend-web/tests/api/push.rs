//! Push notifications end to end against a stand-in push service (RFC 8030) on loopback: this
//! test holds each device's private key, decrypts what arrives (RFC 8291, `aes128gcm`), checks
//! the VAPID signature (RFC 8292) against the key Tend publishes, the TTL and urgency, the
//! neutral words, quiet hours, once-only delivery, and that a device the push service calls gone
//! (410) is forgotten, as is one whose session ends.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::routing::post;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tend_store::Backend;
use tend_web::clock::Clock;
use tend_web::mail::Mailer;
use web_push_native::jwt_simple::prelude::*;
use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
use web_push_native::p256::SecretKey;

use crate::helpers::{Person, TestApp};
use crate::mail::{next_berlin, put, run};
use crate::reminders::couple_with_rituals;

on_both_backends!(
    a_reminder_reaches_each_chosen_device_encrypted_signed_neutral_and_once,
    a_device_the_push_service_calls_gone_or_whose_session_ends_gets_nothing_more,
    a_notification_never_outlives_the_evening_into_the_quiet_hours,
    a_bid_reaches_the_partners_devices_as_something_new_and_nothing_more,
    reminders_can_come_as_notifications_alone_without_email,
    subscriptions_are_checked_and_push_can_be_turned_off_by_the_host,
);

/// What one device received: its headers and the encrypted body.
#[derive(Clone)]
struct Arrival {
    device: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

#[derive(Clone, Default)]
struct Service {
    arrivals: Arc<Mutex<Vec<Arrival>>>,
    gone: Arc<Mutex<Vec<String>>>,
    /// Devices the service can't take messages for just now (it answers 503).
    busy: Arc<Mutex<Vec<String>>>,
}

impl Service {
    async fn start() -> (Service, String) {
        let service = Service::default();
        let app = axum::Router::new().route("/push/{device}", post(receive)).with_state(service.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (service, url)
    }

    fn arrivals(&self) -> Vec<Arrival> {
        self.arrivals.lock().unwrap().clone()
    }
}

async fn receive(
    State(service): State<Service>,
    Path(device): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> AxumStatus {
    if service.gone.lock().unwrap().contains(&device) {
        return AxumStatus::GONE;
    }
    if service.busy.lock().unwrap().contains(&device) {
        return AxumStatus::SERVICE_UNAVAILABLE;
    }
    service.arrivals.lock().unwrap().push(Arrival { device, headers, body: body.to_vec() });
    AxumStatus::CREATED
}

/// A browser's side of a subscription: the private key and secret stay here.
struct Device {
    name: String,
    secret: SecretKey,
    auth: [u8; 16],
}

impl Device {
    fn new(name: &str) -> Device {
        Device {
            name: name.into(),
            secret: SecretKey::from_slice(&rand::random::<[u8; 32]>()).unwrap(),
            auth: rand::random(),
        }
    }

    fn subscription(&self, service: &str) -> Value {
        let public = self.secret.public_key().to_encoded_point(false);
        json!({
            "endpoint": format!("{service}/push/{}", self.name),
            "keys": {"p256dh": URL_SAFE_NO_PAD.encode(public.as_bytes()), "auth": URL_SAFE_NO_PAD.encode(self.auth)},
        })
    }

    fn open(&self, arrival: &Arrival) -> Value {
        let auth = web_push_native::Auth::clone_from_slice(&self.auth);
        let plain =
            web_push_native::decrypt(arrival.body.clone(), &self.secret, &auth).expect("decrypts for this device");
        serde_json::from_slice(&plain).unwrap()
    }
}

async fn spawn(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |s| s.push_allow_local_http = true).await
}

async fn subscribe(app: &TestApp, who: &Person, body: Value) -> StatusCode {
    app.call(Some(who), "PUT", "/api/v1/push/subscription", Some(body)).await.status()
}

/// Ana (paired with Ben, rituals scheduled) signed in on her phone and her laptop, with
/// notifications turned on for each.
async fn ana_on_two_devices(app: &TestApp, service: &str) -> (Person, Person, Device, Device) {
    let (ana, _ben) = couple_with_rituals(app).await;
    let (phone, laptop) = (Device::new("phone"), Device::new("laptop"));
    let token = app.log_in(&ana.email, crate::helpers::PASSWORD).await.unwrap();
    let on_laptop = Person { email: ana.email.clone(), token };
    assert_eq!(subscribe(app, &ana, phone.subscription(service)).await, StatusCode::NO_CONTENT);
    assert_eq!(subscribe(app, &on_laptop, laptop.subscription(service)).await, StatusCode::NO_CONTENT);
    (ana, on_laptop, phone, laptop)
}

/// Mail goes nowhere here (log-only); the push jobs beside it are what this test reads.
fn log_only() -> Mailer {
    Mailer::LogOnly
}

async fn a_reminder_reaches_each_chosen_device_encrypted_signed_neutral_and_once(backend: Backend) {
    let app = spawn(backend).await;
    let (service, url) = Service::start().await;
    let (ana, _on_laptop, phone, laptop) = ana_on_two_devices(&app, &url).await;
    let (_, status) = app.get(&ana, "/api/v1/push").await;
    assert_eq!((status["enabled"].as_bool(), status["on_this_device"].as_bool()), (Some(true), Some(true)));
    let public_key = status["public_key"].as_str().unwrap().to_owned();

    let settings = json!({"kinds": ["rituals"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00"});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", settings).await, StatusCode::OK);
    // 22:05, inside quiet hours: nothing reaches any device.
    let evening = next_berlin(app.clock.now(), 22, 5);
    app.clock.advance(evening.duration_since(app.clock.now()));
    run(&app, &log_only()).await;
    assert!(service.arrivals().is_empty(), "nothing inside quiet hours");
    // 08:05: the evening's reminder, on both devices, once however often the worker runs.
    app.clock.advance(SignedDuration::from_mins(10 * 60));
    run(&app, &log_only()).await;
    run(&app, &log_only()).await;
    let arrivals = service.arrivals();
    let mut devices: Vec<&str> = arrivals.iter().map(|a| a.device.as_str()).collect();
    devices.sort();
    assert_eq!(devices, ["laptop", "phone"]);

    let vapid_key = ES256PublicKey::from_bytes(&URL_SAFE_NO_PAD.decode(&public_key).unwrap()).unwrap();
    for arrival in &arrivals {
        let device = if arrival.device == "phone" { &phone } else { &laptop };
        let message = device.open(arrival);
        assert_eq!(
            message,
            json!({"title": "Tend", "body": "A gentle reminder from Tend", "url": format!("{}/home", app.address)})
        );
        let headers = &arrival.headers;
        assert_eq!(headers["content-encoding"], "aes128gcm");
        assert_eq!(headers["urgency"], "normal");
        // Due at 08:00 (the end of the quiet hours), sent at 08:05: good until six hours after 08:00.
        assert_eq!(headers["ttl"], "21300", "a reminder is for its day: six hours at most");
        let authorization = headers["authorization"].to_str().unwrap();
        let (token, k) = authorization.strip_prefix("vapid t=").unwrap().split_once(", k=").unwrap();
        assert_eq!(k, public_key, "signed with the key Tend publishes");
        let claims = vapid_key.verify_token::<NoCustomClaims>(token, None).expect("a valid ES256 signature");
        assert_eq!(claims.subject.as_deref(), Some(app.address.as_str()), "the contact is Tend's own address");
        // The crate names the audience by scheme and host (RFC 8292 asks for the origin; real
        // push services listen on 443, where the two agree).
        assert!(claims.audiences.is_some());
        let text = String::from_utf8_lossy(&arrival.body);
        assert!(!text.contains("Ben") && !text.contains("canary"), "nothing readable on the wire");
    }
}

async fn a_device_the_push_service_calls_gone_or_whose_session_ends_gets_nothing_more(backend: Backend) {
    let app = spawn(backend).await;
    let (service, url) = Service::start().await;
    let (ana, on_laptop, _phone, _laptop) = ana_on_two_devices(&app, &url).await;
    let settings = json!({"kinds": ["rituals"], "digest": false, "quiet_start": "23:00", "quiet_end": "06:00"});
    put(&app, &ana, "/api/v1/reminders", settings).await;

    // The phone's browser dropped the subscription: the push service says 410, Tend forgets it.
    service.gone.lock().unwrap().push("phone".into());
    let morning = next_berlin(app.clock.now(), 8, 35);
    app.clock.advance(morning.duration_since(app.clock.now()));
    run(&app, &log_only()).await;
    assert_eq!(service.arrivals().len(), 1, "the laptop got the morning's reminder");
    let (_, status) = app.get(&ana, "/api/v1/push").await;
    assert_eq!(status["on_this_device"], false, "the phone's subscription is forgotten");

    let (_, sessions) = app.get(&ana, "/api/v1/sessions").await;
    let marked: Vec<bool> = sessions.as_array().unwrap().iter().map(|s| s["notifications"] == true).collect();
    assert_eq!(
        marked.iter().filter(|m| **m).count(),
        1,
        "the sessions list shows the laptop's notifications: {sessions}"
    );

    // Logging out on the laptop ends its notifications with the session.
    let out = app.call(Some(&on_laptop), "DELETE", "/api/v1/sessions/current", None).await;
    assert!(out.status().is_success(), "{}", out.status());
    assert!(app
        .state
        .store
        .push_targets(None, jiff::Timestamp::UNIX_EPOCH, jiff::Timestamp::UNIX_EPOCH)
        .await
        .unwrap()
        .is_empty());
    app.clock.advance(SignedDuration::from_hours(12));
    run(&app, &log_only()).await;
    assert_eq!(service.arrivals().len(), 1, "nothing more reaches either device");
}

async fn a_notification_never_outlives_the_evening_into_the_quiet_hours(backend: Backend) {
    let app = spawn(backend).await;
    let (service, url) = Service::start().await;
    let (ana, _on_laptop, _phone, _laptop) = ana_on_two_devices(&app, &url).await;
    let settings = json!({"kinds": ["rituals"], "digest": false, "quiet_start": "22:30", "quiet_end": "06:00"});
    put(&app, &ana, "/api/v1/reminders", settings).await;
    // The evening ritual at 22:00; the quiet hours begin at 22:30. The phone takes it at once
    // (the push service may keep it 25 more minutes, no longer); the laptop's service is busy.
    service.busy.lock().unwrap().push("laptop".into());
    let evening = next_berlin(app.clock.now(), 22, 5);
    app.clock.advance(evening.duration_since(app.clock.now()));
    run(&app, &log_only()).await;
    let arrivals = service.arrivals();
    assert_eq!(arrivals.len(), 1);
    assert_eq!((arrivals[0].device.as_str(), arrivals[0].headers["ttl"].to_str().unwrap()), ("phone", "1500"));
    // By the laptop's retry the quiet hours have begun: the reminder is let go, not sent.
    service.busy.lock().unwrap().clear();
    app.clock.advance(SignedDuration::from_mins(30));
    run(&app, &log_only()).await;
    assert_eq!(service.arrivals().len(), 1, "nothing lights up in the quiet hours");
}

async fn a_bid_reaches_the_partners_devices_as_something_new_and_nothing_more(backend: Backend) {
    let app = spawn(backend).await;
    let (service, url) = Service::start().await;
    let (ana, ben) = app.couple("Ana", "Ben").await;
    let phone = Device::new("ben-phone");
    assert_eq!(subscribe(&app, &ben, phone.subscription(&url)).await, StatusCode::NO_CONTENT);
    let settings = json!({"kinds": ["bids"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00"});
    put(&app, &ben, "/api/v1/reminders", settings).await;
    let morning = next_berlin(app.clock.now(), 10, 0);
    app.clock.advance(morning.duration_since(app.clock.now()));
    let offered = app.call(Some(&ana), "POST", "/api/v1/repairs", Some(json!({"kind": "humor"}))).await;
    assert_eq!(offered.status(), StatusCode::CREATED);
    run(&app, &log_only()).await;
    let arrivals = service.arrivals();
    assert_eq!(arrivals.len(), 1);
    let message = phone.open(&arrivals[0]);
    assert_eq!(message["body"], "Something new in Tend", "not the kind, not the name: {message}");
    assert_eq!(message["title"], "Tend");

    // Leaving the couple space ends the leaver's notifications on every device.
    let left = app.call(Some(&ben), "POST", "/api/v1/couple/leave", Some(json!({}))).await;
    assert!(left.status().is_success(), "{}", left.status());
    assert_eq!(app.get(&ben, "/api/v1/push").await.1["on_this_device"], false);
}

async fn reminders_can_come_as_notifications_alone_without_email(backend: Backend) {
    let app = spawn(backend).await;
    let (service, url) = Service::start().await;
    let sink = crate::smtp::SmtpSink::start().await;
    let (ana, _on_laptop, _phone, _laptop) = ana_on_two_devices(&app, &url).await;
    let settings = json!({"kinds": ["rituals"], "digest": false, "quiet_start": "21:00", "quiet_end": "08:00",
        "by_email": false});
    assert_eq!(put(&app, &ana, "/api/v1/reminders", settings).await, StatusCode::OK);
    assert_eq!(app.get(&ana, "/api/v1/reminders").await.1["by_email"], false);
    let morning = next_berlin(app.clock.now(), 8, 35);
    app.clock.advance(morning.duration_since(app.clock.now()));
    run(&app, &crate::mail::mailer(&sink)).await;
    assert_eq!(service.arrivals().len(), 2, "the morning ritual on both devices");
    assert!(sink.messages().is_empty(), "and no email");
}

async fn subscriptions_are_checked_and_push_can_be_turned_off_by_the_host(backend: Backend) {
    let app = spawn(backend).await;
    let ana = app.person("Ana").await;
    let device = Device::new("phone");
    let mut bad = device.subscription("http://127.0.0.1:9");
    bad["keys"]["auth"] = json!("dG9vIHNob3J0");
    let res = app.call(Some(&ana), "PUT", "/api/v1/push/subscription", Some(bad)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "auth");
    for endpoint in
        ["http://example.org/push/1", "https://10.0.0.5/push", "https://localhost/push", "file:///etc/passwd"]
    {
        let mut body = device.subscription("x");
        body["endpoint"] = json!(endpoint);
        assert_eq!(subscribe(&app, &ana, body).await, StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
    }
    let (_, status) = app.get(&ana, "/api/v1/push").await;
    assert_eq!(status["on_this_device"], false, "nothing refused was kept");
    assert_eq!(
        app.call(Some(&ana), "DELETE", "/api/v1/push/subscription", None).await.status(),
        StatusCode::NO_CONTENT
    );

    let off = TestApp::spawn_with(backend, |s| s.push_enabled = false).await;
    let cat = off.person("Cat").await;
    let (_, status) = off.get(&cat, "/api/v1/push").await;
    assert_eq!((status["enabled"].as_bool(), status["public_key"].is_null()), (Some(false), true));
    let body = device.subscription("https://push.example.org");
    assert_eq!(subscribe(&off, &cat, body).await, StatusCode::NOT_FOUND);
}
