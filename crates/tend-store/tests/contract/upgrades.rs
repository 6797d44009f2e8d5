//! Upgrades: a database left at every earlier schema (as each release left it), holding the
//! records people had then, comes up to the current schema when Tend starts, on SQLite and
//! PostgreSQL alike, and everything reads back as it was (new columns take their defaults).

use tend_core::ids::PersonId;
use tend_store::probe::known_migrations;
use tend_store::test_support::options_at_schema;
use tend_store::*;

stories!(every_earlier_schema_comes_up_to_date_with_its_data);

/// The migration that made the reminder settings (`0011_mail`).
const REMINDERS_FROM: usize = 11;

async fn every_earlier_schema_comes_up_to_date_with_its_data(backend: Backend) {
    let total = known_migrations(backend);
    for applied in 1..total {
        let (options, pool) = options_at_schema(backend, applied).await.unwrap();
        let at = 1_800_000_000_000_i64;
        let statements: Vec<(&str, Vec<&str>)> = vec![
            (
                "INSERT INTO persons (id, email, password_hash, display_name, time_zone, created_at) VALUES ($1, $2, 'h', $3, 'Europe/Berlin', 1800000000000)",
                vec!["ana", "ana@example.org", "Ana"],
            ),
            (
                "INSERT INTO persons (id, email, password_hash, display_name, time_zone, created_at) VALUES ($1, $2, 'h', $3, 'Asia/Tokyo', 1800000000000)",
                vec!["ben", "ben@example.org", "Ben"],
            ),
            (
                "INSERT INTO sessions (id, person_id, token_hash, device, created_at, last_used_at) VALUES ($1, $2, $3, 'Firefox on Linux', 1800000000000, 1800000000000)",
                vec!["s1", "ana", "th-s1"],
            ),
            ("INSERT INTO couples (id, created_at) VALUES ($1, 1800000000000)", vec!["c1"]),
            ("INSERT INTO memberships (couple_id, person_id, joined_at) VALUES ($1, $2, 1800000000000)", vec!["c1", "ana"]),
            ("INSERT INTO memberships (couple_id, person_id, joined_at) VALUES ($1, $2, 1800000000000)", vec!["c1", "ben"]),
        ];
        for (sql, binds) in statements {
            let mut query = sqlx::query(sql);
            for b in binds {
                query = query.bind(b);
            }
            query.execute(&pool).await.unwrap_or_else(|e| panic!("at schema {applied}: {sql}: {e}"));
        }
        if applied >= REMINDERS_FROM {
            sqlx::query("INSERT INTO reminder_settings (person_id, kinds, digest, quiet_start, quiet_end, updated_at) VALUES ('ana', 'rituals', 0, 1260, 480, $1)")
                .bind(at)
                .execute(&pool)
                .await
                .unwrap();
        }
        pool.close().await;

        let store = open(&options).await.unwrap_or_else(|e| panic!("upgrading from schema {applied}: {e}"));
        let ana = store.person(&PersonId::from("ana")).await.unwrap().expect("Ana is still there");
        assert_eq!(
            (ana.email.as_str(), ana.time_zone.as_str()),
            ("ana@example.org", "Europe/Berlin"),
            "from {applied}"
        );
        let (session, person) = store.session_by_token_hash("th-s1").await.unwrap().expect("her session too");
        assert_eq!((session.device.as_str(), person.id.as_str()), ("Firefox on Linux", "ana"));
        let couple = store.couple_of(&PersonId::from("ben")).await.unwrap().expect("and the couple");
        assert_eq!(couple.id, "c1", "from {applied}");
        assert_eq!(couple.members.len(), 2);
        if applied >= REMINDERS_FROM {
            let settings =
                store.reminder_settings(&PersonId::from("ana")).await.unwrap().expect("her reminder choices");
            assert_eq!(settings.kinds, ["rituals"]);
            assert_eq!((settings.weekly_day, settings.weekly_minute), (6, 1140), "new columns take their defaults");
            assert!(settings.by_email, "reminders chosen before stay by email");
        }
        store.close().await;
    }
}
