//! The load generator: `connections` tasks, each with its own keep-alive connection, send one
//! flow's request back to back for `seconds`; latencies are kept per request and summarised as
//! p50 and p99. It runs on the same machine as Tend, as the issue asks, so it competes for the
//! same two cores — which is why figures are also given as a share of the no-work baseline.

use std::time::{Duration, Instant};

use reqwest::{Client, Method};
use serde_json::{json, Value};

use crate::seed::{email, PASSWORD};

/// One request of a flow, ready to send.
#[derive(Clone)]
struct Call {
    method: Method,
    path: String,
    body: Option<Value>,
    bearer: Option<String>,
    cookie: Option<String>,
}

fn client() -> Client {
    Client::builder().pool_max_idle_per_host(1).redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

async fn log_in(client: &Client, url: &str, email: &str) -> anyhow::Result<String> {
    let res = client
        .post(format!("{url}/api/v1/sessions"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await?;
    anyhow::ensure!(res.status().is_success(), "log-in for {email} answered {}", res.status());
    Ok(res.json::<Value>().await?["token"].as_str().unwrap_or_default().to_owned())
}

/// A draft of about 500 characters for the coach.
const DRAFT: &str = "You never listen to me when I talk about work, and you always look at your phone instead. \
I feel like I am alone in this house most evenings, and honestly it makes me tired and a bit sad. \
I would like us to find twenty minutes after dinner, without screens, to talk about the week. \
Could we try that on Tuesday and Thursday? I know you are tired too, and I do not want this to \
become another fight. I miss how we used to laugh at silly things together on the sofa before bed.";

/// The calls each connection cycles through for `flow`.
async fn calls(url: &str, flow: &str, connections: usize, people: u32) -> anyhow::Result<Vec<Call>> {
    let c = client();
    let call = |method: Method, path: String| Call { method, path, body: None, bearer: None, cookie: None };
    if flow == "baseline" {
        return Ok(vec![call(Method::GET, "/ping".into())]);
    }
    if flow == "coach" {
        return Ok(vec![Call {
            body: Some(json!({"text": DRAFT})),
            ..call(Method::POST, "/api/v1/coach/analyze".into())
        }]);
    }
    if flow == "login" {
        return Ok((0..people)
            .map(|i| Call {
                body: Some(json!({"email": email(i, 'a'), "password": PASSWORD})),
                ..call(Method::POST, "/api/v1/sessions".into())
            })
            .collect());
    }
    let mut out = Vec::new();
    for i in 0..(connections as u32).min(people).max(1) {
        let token = log_in(&c, url, &email(i, if i % 2 == 0 { 'a' } else { 'b' })).await?;
        let bearer = Some(token.clone());
        let cookie = Some(format!("tend_session={token}"));
        out.push(match flow {
            "today" => Call { cookie, ..call(Method::GET, "/home".into()) },
            "chart" => Call { cookie, ..call(Method::GET, "/checkups".into()) },
            "answer" => Call {
                bearer,
                body: Some(json!({"text": "The walk home in the rain, together."})),
                ..call(Method::POST, "/api/v1/rituals/evening/answer".into())
            },
            "draw" => {
                Call { bearer, body: Some(json!({"count": 10})), ..call(Method::POST, "/api/v1/questions/draw".into()) }
            }
            "mark" => {
                let deck: Value =
                    c.get(format!("{url}/api/v1/questions")).bearer_auth(&token).send().await?.json().await?;
                let id = deck["questions"][i as usize % 20]["id"].as_str().unwrap_or_default().to_owned();
                Call {
                    bearer,
                    body: Some(json!({"favourite": i % 2 == 0})),
                    ..call(Method::POST, format!("/api/v1/questions/{id}/mark"))
                }
            }
            "journal" => Call {
                bearer,
                body: Some(json!({"text": "We took the long way home and talked about nothing much."})),
                ..call(Method::POST, "/api/v1/journal".into())
            },
            "weekly" => {
                let list: Value =
                    c.get(format!("{url}/api/v1/weekly-checks")).bearer_auth(&token).send().await?.json().await?;
                let id = list[0]["id"].as_str().unwrap_or_default().to_owned();
                Call { bearer, ..call(Method::GET, format!("/api/v1/weekly-checks/{id}")) }
            }
            other => anyhow::bail!("unknown flow {other}"),
        });
    }
    Ok(out)
}

pub async fn run(url: &str, flow: &str, connections: usize, seconds: u64, people: u32) -> anyhow::Result<()> {
    let url = url.trim_end_matches('/').to_owned();
    let calls = calls(&url, flow, connections, people).await?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|n| {
            let url = url.clone();
            let calls = calls.clone();
            tokio::spawn(async move {
                let client = client();
                let (mut latencies, mut errors) = (Vec::new(), 0u64);
                let mut i = n;
                while Instant::now() < deadline {
                    let c = &calls[i % calls.len()];
                    i += connections;
                    let mut req = client.request(c.method.clone(), format!("{url}{}", c.path));
                    if let Some(b) = &c.bearer {
                        req = req.bearer_auth(b);
                    }
                    if let Some(k) = &c.cookie {
                        req = req.header("cookie", k);
                    }
                    if let Some(body) = &c.body {
                        req = req.json(body);
                    }
                    let sent = Instant::now();
                    let ok = match req.send().await {
                        Ok(res) => res.status().is_success() && res.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    latencies.push(sent.elapsed().as_micros() as u32);
                    if !ok {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let (mut all, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (l, e) = t.await?;
        all.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let pct =
        |p: f64| all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or(0);
    println!(
        "{}",
        json!({
            "flow": flow,
            "connections": connections,
            "requests": all.len(),
            "errors": errors,
            "rps": (all.len() as f64 / elapsed).round(),
            "p50_ms": pct(0.50) as f64 / 1000.0,
            "p99_ms": pct(0.99) as f64 / 1000.0,
        })
    );
    Ok(())
}
