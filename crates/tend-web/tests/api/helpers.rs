//! A running Tend for one test, and people who use it.

use std::sync::Arc;

use jiff::Timestamp;
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use tend_store::test_support::{copy_of, fresh_options};
use tend_store::Backend;
use tend_web::clock::{Clock, ManualClock};
use tend_web::{AppState, WebSettings};

pub const PASSWORD: &str = "quiet river morning walk";

pub struct TestApp {
    pub store: tend_store::SqlStore,
    /// Where the database is, to look at it from outside the app.
    pub options: tend_store::StoreOptions,
    pub address: String,
    pub clock: Arc<ManualClock>,
    pub api: Client,
    /// The running app's state, for driving the email planner and worker directly.
    pub state: AppState,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Spawns with settings adjusted by `adjust` (they start as plain-HTTP local settings).
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut WebSettings)) -> Self {
        let options = fresh_options(backend).await.expect("a fresh database");
        Self::serve(options, Arc::new(ManualClock::new(Timestamp::now())), adjust).await
    }

    /// A second Tend process on the same database (and the same clock), as a host running
    /// several instances on one PostgreSQL would have.
    pub async fn beside(&self) -> Self {
        Self::serve(self.options.clone(), self.clock.clone(), |_| {}).await
    }

    async fn serve(
        options: tend_store::StoreOptions,
        clock: Arc<ManualClock>,
        adjust: impl FnOnce(&mut WebSettings),
    ) -> Self {
        let store = tend_store::open(&options).await.expect("a fresh database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let mut settings = WebSettings::for_url(&address);
        adjust(&mut settings);
        let state = AppState::new(Arc::new(store.clone()), settings, clock.clone());
        tokio::spawn(tend_web::serve(listener, state.clone(), std::future::pending()));
        let api = Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { store, options, address, clock, api, state }
    }

    /// A new app on a copy of this app's database as it is now, at the same moment on the clock.
    /// Closes this app's database first (PostgreSQL copies only a database nobody uses), so this
    /// app serves nothing afterwards: build a world once, then give each case its own copy.
    pub async fn copy(&self) -> Self {
        self.close().await;
        let options = copy_of(&self.options).await.expect("a copy of the database");
        let clock = Arc::new(ManualClock::new(self.clock.now()));
        Self::serve(options, clock, |_| {}).await
    }

    /// Closes the database pool, for tests that spawn many apps (PostgreSQL has a connection limit).
    pub async fn close(&self) {
        self.store.close().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Signs a person up and logs them in through the API.
    pub async fn person(&self, name: &str) -> Person {
        let email = format!("{}@example.org", name.to_lowercase());
        let body = json!({"display_name": name, "email": email, "password": PASSWORD, "time_zone": "Europe/Berlin"});
        let res = self.api.post(self.url("/api/v1/accounts")).json(&body).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        let token = self.log_in(&email, PASSWORD).await.expect("log-in works");
        Person { email, token }
    }

    pub async fn log_in(&self, email: &str, password: &str) -> Result<String, StatusCode> {
        let res = self
            .api
            .post(self.url("/api/v1/sessions"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap();
        if res.status() != StatusCode::CREATED {
            return Err(res.status());
        }
        Ok(res.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned())
    }

    pub async fn call(&self, who: Option<&Person>, method: &str, path: &str, body: Option<Value>) -> Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.api.request(method, self.url(path));
        if let Some(p) = who {
            req = req.bearer_auth(&p.token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.unwrap()
    }

    pub async fn get(&self, who: &Person, path: &str) -> (StatusCode, Value) {
        let res = self.call(Some(who), "GET", path, None).await;
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Two people in one couple space: the first creates it, the second joins with the code.
    pub async fn couple(&self, a: &str, b: &str) -> (Person, Person) {
        let a = self.person(a).await;
        let b = self.person(b).await;
        let invite = self.create_couple(&a).await;
        let res = self.call(Some(&b), "POST", "/api/v1/couple/join", Some(json!({"code": invite["code"]}))).await;
        assert_eq!(res.status(), StatusCode::OK);
        (a, b)
    }

    /// `a` proposes ground rules and `b` accepts them (by session token): the joint tools open.
    pub async fn agree_ground_rules(&self, a: &str, b: &str) {
        let rules = json!({"rules": ["We speak one at a time.", "Either of us can ask for a short break."]});
        for (token, path, body) in
            [(a, "/api/v1/ground-rules", rules), (b, "/api/v1/ground-rules/accept", json!({"version": 1}))]
        {
            let res = self.api.post(self.url(path)).bearer_auth(token).json(&body).send().await.unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
        }
    }

    pub async fn create_couple(&self, who: &Person) -> Value {
        let res = self.call(Some(who), "POST", "/api/v1/couple", None).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json().await.unwrap()
    }
}

#[derive(Clone)]
pub struct Person {
    pub email: String,
    pub token: String,
}

/// A browser: keeps cookies, does not follow redirects, reads the CSRF token from forms.
pub struct Browser {
    pub client: Client,
    pub base: String,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
            .build()
            .unwrap();
        Self { client, base: app.address.clone() }
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let res = self.client.get(format!("{}{path}", self.base)).send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    }

    /// Loads `page`, then submits `fields` to `action` with the page's CSRF token.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let (_, html) = self.get(page).await;
        let csrf = csrf_of(&html);
        let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.client.post(format!("{}{action}", self.base)).form(&form).send().await.unwrap()
    }
}

pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

pub fn location(res: &Response) -> String {
    res.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// A signed-in person's live stream (`/events`), read one event at a time.
pub struct Events {
    response: Response,
    seen: String,
}

impl Events {
    pub async fn open(app: &TestApp, who: &Person) -> Self {
        let response = app
            .api
            .get(app.url("/events"))
            .header("cookie", format!("tend_session={}", who.token))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Self { response, seen: String::new() }
    }

    /// The next event (its `event:` and `data:` lines), which must arrive within two seconds.
    pub async fn next(&mut self) -> String {
        while !self.seen.contains("\n\n") {
            let chunk = tokio::time::timeout(std::time::Duration::from_secs(2), self.response.chunk())
                .await
                .expect("an event within two seconds");
            self.seen.push_str(&String::from_utf8_lossy(&chunk.unwrap().unwrap()));
        }
        let (event, rest) = self.seen.split_once("\n\n").map(|(a, b)| (a.to_owned(), b.to_owned())).unwrap();
        self.seen = rest;
        event
    }
}
