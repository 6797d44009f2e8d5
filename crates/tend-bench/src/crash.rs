//! Crash durability: many connections write daily answers, each a person's own numbered line
//! ("seq N"), and every answer the server acknowledged is appended to a log — then the script
//! kills the server with SIGKILL. After a restart, `--verify` reads each person's answer back:
//! it must be the last acknowledged one or a later one. Any older answer is a lost write.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use reqwest::Client;
use serde_json::{json, Value};

use crate::seed::{email, PASSWORD};

async fn token(client: &Client, url: &str, i: usize) -> anyhow::Result<String> {
    let res = client
        .post(format!("{url}/api/v1/sessions"))
        .json(&json!({"email": email(i as u32, 'a'), "password": PASSWORD}))
        .send()
        .await?;
    Ok(res.json::<Value>().await?["token"].as_str().unwrap_or_default().to_owned())
}

pub async fn run(url: &str, log: &Path, connections: usize, verify: bool) -> anyhow::Result<()> {
    let url = url.trim_end_matches('/').to_owned();
    let client = Client::new();
    let mut tokens = Vec::new();
    for i in 0..connections {
        tokens.push(token(&client, &url, i).await?);
    }
    if verify {
        return check(&client, &url, log, &tokens).await;
    }
    let (sender, mut acks) = tokio::sync::mpsc::unbounded_channel::<(usize, u64)>();
    for (person, token) in tokens.into_iter().enumerate() {
        let (url, sender) = (url.clone(), sender.clone());
        tokio::spawn(async move {
            let client = Client::new();
            for seq in 1.. {
                let sent = client
                    .post(format!("{url}/api/v1/rituals/evening/answer"))
                    .bearer_auth(&token)
                    .json(&json!({"text": format!("seq {seq}")}))
                    .send()
                    .await;
                match sent {
                    Ok(res) if res.status().is_success() => {
                        if sender.send((person, seq)).is_err() {
                            return;
                        }
                    }
                    _ => return,
                }
            }
        });
    }
    drop(sender);
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(log)?;
    while let Some((person, seq)) = acks.recv().await {
        writeln!(file, "{person} {seq}")?;
        file.flush()?;
    }
    Ok(())
}

async fn check(client: &Client, url: &str, log: &Path, tokens: &[String]) -> anyhow::Result<()> {
    let mut last: HashMap<usize, u64> = HashMap::new();
    for line in std::fs::read_to_string(log)?.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(p), Some(s)) = (parts.next(), parts.next()) {
            let (p, s): (usize, u64) = (p.parse()?, s.parse()?);
            let entry = last.entry(p).or_default();
            *entry = (*entry).max(s);
        }
    }
    let mut lost = 0;
    for (person, acked) in &last {
        let day: Value =
            client.get(format!("{url}/api/v1/rituals/day")).bearer_auth(&tokens[*person]).send().await?.json().await?;
        let stored = day["rituals"]
            .as_array()
            .and_then(|r| r.iter().find(|x| x["kind"] == "evening"))
            .and_then(|x| x["mine"].as_str())
            .and_then(|t| t.strip_prefix("seq "))
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
        if stored < *acked {
            lost += 1;
            eprintln!("person {person}: acknowledged seq {acked}, found {stored}");
        }
    }
    let acknowledged: usize = std::fs::read_to_string(log)?.lines().count();
    println!("{}", json!({"acknowledged": acknowledged, "people": last.len(), "lost": lost}));
    anyhow::ensure!(lost == 0, "{lost} acknowledged writes were lost");
    Ok(())
}
