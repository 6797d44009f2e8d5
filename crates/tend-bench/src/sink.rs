//! A minimal SMTP server on loopback for the reminder benchmark: it accepts every message and
//! keeps only its Message-ID, to count messages and duplicates (the tests have their own sink
//! that parses what arrives).

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

#[derive(Default)]
struct Received {
    total: usize,
    ids: HashSet<String>,
}

pub struct Sink {
    pub address: SocketAddr,
    received: Arc<Mutex<Received>>,
}

impl Sink {
    /// Messages received, and how many of them repeated a Message-ID already seen.
    pub fn received(&self) -> (usize, usize) {
        let r = self.received.lock().unwrap_or_else(|e| e.into_inner());
        (r.total, r.total - r.ids.len())
    }
}

pub async fn start() -> anyhow::Result<Sink> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let received = Arc::new(Mutex::new(Received::default()));
    let shared = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(session(stream, shared.clone()));
        }
    });
    Ok(Sink { address, received })
}

async fn session(stream: TcpStream, received: Arc<Mutex<Received>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 sink ESMTP\r\n").await?;
    let mut in_data = false;
    let mut id = String::new();
    while let Some(line) = lines.next_line().await? {
        if in_data {
            if line == "." {
                in_data = false;
                {
                    let mut r = received.lock().unwrap_or_else(|e| e.into_inner());
                    r.total += 1;
                    r.ids.insert(std::mem::take(&mut id));
                }
                write.write_all(b"250 queued\r\n").await?;
            } else if id.is_empty() && line.to_ascii_lowercase().starts_with("message-id:") {
                id = line[11..].trim().to_owned();
            }
            continue;
        }
        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 sink\r\n",
            "DATA" => {
                in_data = true;
                b"354 go on\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await?;
    }
    Ok(())
}
