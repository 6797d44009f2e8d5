//! The safety check's outcome (never its answers) and the joint-tools switch.

use async_trait::async_trait;
use sqlx::Row;
use tend_core::ids::{CoupleId, PersonId};

use super::{ms, ts, SqlStore};
use crate::model::SafetyRecord;
use crate::{Result, SafetyStore};

#[async_trait]
impl SafetyStore for SqlStore {
    async fn save_safety(&self, person_id: &PersonId, r: &SafetyRecord) -> Result<()> {
        self.write_one(
            sqlx::query(
                "INSERT INTO safety_checks (person_id, risk, tools_off, taken_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (person_id) DO UPDATE SET risk = excluded.risk, tools_off = excluded.tools_off,
                 taken_at = excluded.taken_at",
            )
            .bind(person_id)
            .bind(i64::from(r.risk))
            .bind(i64::from(r.tools_off))
            .bind(ms(r.taken_at)),
        )
        .await?;
        Ok(())
    }

    async fn safety(&self, person_id: &PersonId) -> Result<Option<SafetyRecord>> {
        let row = sqlx::query("SELECT risk, tools_off, taken_at FROM safety_checks WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| -> Result<SafetyRecord> {
            Ok(SafetyRecord {
                risk: r.try_get::<i64, _>("risk")? != 0,
                tools_off: r.try_get::<i64, _>("tools_off")? != 0,
                taken_at: ts(r.try_get("taken_at")?)?,
            })
        })
        .transpose()
    }

    async fn set_joint_tools_off(&self, person_id: &PersonId, off: bool) -> Result<bool> {
        Ok(self
            .write_one(
                sqlx::query("UPDATE safety_checks SET tools_off = $1 WHERE person_id = $2")
                    .bind(i64::from(off))
                    .bind(person_id),
            )
            .await?
            > 0)
    }

    async fn joint_tools_closed(&self, couple_id: &CoupleId) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM safety_checks s JOIN memberships m ON m.person_id = s.person_id
             WHERE m.couple_id = $1 AND s.tools_off <> 0",
        )
        .bind(couple_id)
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }
}
