//! Rounds of group commit, tried under load, with a write failing half-way and one cut off.

use sqlx::Row;

use crate::test_support::fresh_store;
use crate::{Backend, StoreError};

async fn probes(store: &crate::SqlStore) -> Vec<i64> {
    let rows = sqlx::query("SELECT id FROM health_probe ORDER BY id").fetch_all(store.pool()).await.unwrap();
    rows.iter().map(|r| r.get::<i64, _>("id")).collect()
}

fn insert(id: i64) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments<'static>> {
    sqlx::query("INSERT INTO health_probe (id, checked_at) VALUES ($1, 0)").bind(id)
}

/// Many writes at once all land, each answered only once committed; one that fails half-way
/// through its statements is undone alone, and its neighbours in the round still commit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_in_one_round_land_together_and_a_failed_one_is_undone_alone() {
    let store = fresh_store(Backend::Sqlite).await.unwrap();
    store.write_one(insert(42)).await.unwrap();
    let mut writes = Vec::new();
    for id in 100..164 {
        let store = store.clone();
        writes.push(tokio::spawn(async move { store.write_one(insert(id)).await }));
    }
    // Two statements, the second of which fails (the id is taken): the first is undone too.
    let failing = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut w = store.begin_write().await?;
            let result = async {
                insert(500).execute(&mut *w.tx).await?;
                insert(42).execute(&mut *w.tx).await?;
                Ok::<_, StoreError>(())
            }
            .await;
            w.finish(result).await
        })
    };
    for write in writes {
        assert_eq!(write.await.unwrap().unwrap(), 1);
    }
    assert!(failing.await.unwrap().is_err());
    let ids = probes(&store).await;
    // 1 is the store's own probe at opening, 42 was there before.
    let expected: Vec<i64> = [1, 42].into_iter().chain(100..164).filter(|id| *id != 1 || ids.contains(&1)).collect();
    assert_eq!(ids, expected);
    assert!(!ids.contains(&500), "the failed write's first statement was undone");
}

/// A write cut off while it holds the round's transaction (a request dropped mid-way) makes
/// the round roll back and its neighbours refused with a retry, never left waiting; the next
/// round works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_cut_off_mid_way_leaves_nobody_waiting() {
    let store = fresh_store(Backend::Sqlite).await.unwrap();
    let cut = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut w = store.begin_write().await.unwrap();
            insert(700).execute(&mut *w.tx).await.unwrap();
            std::future::pending::<()>().await;
            drop(w);
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let neighbour = {
        let store = store.clone();
        tokio::spawn(async move { store.write_one(insert(701)).await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    cut.abort();
    let answered = tokio::time::timeout(std::time::Duration::from_secs(5), neighbour).await;
    let refused = answered.expect("the neighbour is answered").unwrap();
    assert!(refused.as_ref().is_err_and(StoreError::is_unavailable), "{refused:?}");
    store.write_one(insert(702)).await.unwrap();
    let ids = probes(&store).await;
    assert!(ids.contains(&702) && !ids.contains(&700) && !ids.contains(&701), "{ids:?}");
}
