//! Who is asking: sessions (bearer token or cookie), cookies, CSRF protection, client address.

pub mod client;
pub mod cookies;
pub mod csrf;
pub mod session;
