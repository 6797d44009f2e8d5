//! A small SMTP server on loopback that asks for a log-in (AUTH PLAIN or LOGIN) and accepts only
//! one user name and password, for `tend doctor`'s email checks. Plain threads and std sockets:
//! the tests drive the `tend` binary with blocking calls. (tend-web's test sink has no AUTH and
//! lives in that crate's tests, out of reach here.)

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use base64::Engine;

pub struct SmtpAuthServer {
    pub port: u16,
    messages: Arc<Mutex<Vec<String>>>,
}

impl SmtpAuthServer {
    /// Listens on 127.0.0.1 and accepts `user` with `password` only.
    pub fn start(user: &str, password: &str) -> SmtpAuthServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let (user, password, kept) = (user.to_owned(), password.to_owned(), messages.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (user, password, kept) = (user.clone(), password.clone(), kept.clone());
                std::thread::spawn(move || {
                    let _ = session(stream, &user, &password, &kept);
                });
            }
        });
        SmtpAuthServer { port, messages }
    }

    /// Every message received, as raw text.
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }
}

fn decode(b64: &str) -> String {
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64.trim()).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn session(stream: TcpStream, user: &str, password: &str, kept: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    let mut read = move || {
        let mut line = String::new();
        lines.read_line(&mut line).map(|n| (n > 0).then(|| line.trim_end().to_owned()))
    };
    out.write_all(b"220 loopback ESMTP ready\r\n")?;
    let mut signed_in = false;
    while let Some(line) = read()? {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-loopback\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("AUTH PLAIN") {
            let initial = line.get(10..).unwrap_or("").trim().to_owned();
            let answer = if initial.is_empty() {
                out.write_all(b"334 \r\n")?;
                read()?.unwrap_or_default()
            } else {
                initial
            };
            signed_in = decode(&answer) == format!("\0{user}\0{password}");
            if signed_in {
                b"235 2.7.0 Authentication successful\r\n"
            } else {
                b"535 5.7.8 Authentication credentials invalid\r\n"
            }
        } else if upper.starts_with("AUTH LOGIN") {
            out.write_all(b"334 VXNlcm5hbWU6\r\n")?;
            let given_user = decode(&read()?.unwrap_or_default());
            out.write_all(b"334 UGFzc3dvcmQ6\r\n")?;
            let given_password = decode(&read()?.unwrap_or_default());
            signed_in = given_user == user && given_password == password;
            if signed_in {
                b"235 2.7.0 Authentication successful\r\n"
            } else {
                b"535 5.7.8 Authentication credentials invalid\r\n"
            }
        } else if upper.starts_with("MAIL") && !signed_in {
            b"530 5.7.0 Authentication required\r\n"
        } else if ["MAIL", "RCPT", "RSET", "NOOP", "HELO"].iter().any(|c| upper.starts_with(c)) {
            b"250 OK\r\n"
        } else if upper.starts_with("DATA") {
            out.write_all(b"354 go ahead\r\n")?;
            let mut message = String::new();
            while let Some(part) = read()? {
                if part == "." {
                    break;
                }
                message.push_str(part.strip_prefix('.').filter(|_| part.starts_with("..")).unwrap_or(&part));
                message.push('\n');
            }
            kept.lock().unwrap().push(message);
            b"250 queued\r\n"
        } else if upper.starts_with("QUIT") {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            b"502 not implemented\r\n"
        };
        out.write_all(reply)?;
    }
    Ok(())
}
