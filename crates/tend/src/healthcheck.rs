//! `tend healthcheck`: asks a running `tend serve` on this machine for `/healthz` and exits 0 when
//! it answers `ok`. For container health checks on images without curl (distroless): the same
//! binary, no other tool. Plain HTTP/1.0 over loopback; the address comes from `listen`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use anyhow::{bail, Context};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::config::Config;

/// Where to knock: the listening address, with "any address" turned into loopback.
async fn target(listen: &str) -> anyhow::Result<SocketAddr> {
    let mut addr = match listen.parse::<SocketAddr>() {
        Ok(addr) => addr,
        Err(_) => tokio::net::lookup_host(listen)
            .await
            .ok()
            .and_then(|mut found| found.next())
            .with_context(|| format!("the listen address {listen:?} cannot be resolved"))?,
    };
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr.ip() {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        });
    }
    Ok(addr)
}

pub async fn run(config: &Config) -> anyhow::Result<()> {
    let addr = target(&config.listen).await?;
    let ask = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        stream.write_all(format!("GET /healthz HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes()).await?;
        let mut answer = Vec::new();
        stream.take(64 * 1024).read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(String::from_utf8_lossy(&answer).into_owned())
    };
    let answer = tokio::time::timeout(Duration::from_secs(5), ask)
        .await
        .with_context(|| format!("http://{addr}/healthz did not answer within 5 seconds"))?
        .with_context(|| format!("http://{addr}/healthz could not be reached"))?;
    let status = answer.lines().next().unwrap_or("");
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body.trim());
    if status.split_whitespace().nth(1) != Some("200") {
        bail!("http://{addr}/healthz answered {status:?}: {body}");
    }
    println!("{body}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn any_address_is_asked_on_loopback() {
        assert_eq!(target("0.0.0.0:8080").await.unwrap().to_string(), "127.0.0.1:8080");
        assert_eq!(target("[::]:80").await.unwrap().to_string(), "[::1]:80");
        assert_eq!(target("10.0.0.5:8080").await.unwrap().to_string(), "10.0.0.5:8080");
        assert!(target("no port here").await.is_err());
    }
}
