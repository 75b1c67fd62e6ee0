//! The planner service (server only): the quick table set-up (replacing the tables asks
//! for confirmation when it discards a plan), planning with the engine off the async
//! runtime within a time budget (around locked seats, changing as few others as it can),
//! hand edits (move, swap, lock) scored again, the day-of re-plan of the remaining rounds,
//! publishing, and the planner page's view of an event.

use super::model::{
    PersonRef, PlannerTable, PlannerView, SetupField, TableErrors, TableField, TableInput,
    TableSetup, MAX_TABLES,
};
use super::problem::{spec, without_pinned, Broken, EditError, StoredPlan};
use crate::error::AppError;
use crate::i18n::T;
use crate::kernel::outbox::Outbox;
use crate::mail::tables::render_tables;
use crate::programme::model::SessionKind;
use crate::registration::service::new_token;
use crate::seating::{replan, solve, Problem, SeatingError, SolveOptions};
use crate::state::AppState;
use crate::store::planner::{PersonRow, PlanRow, SeatRow, TableFields, TableRow};
use crate::store::{events, outbox, planner, registrations, Db, StoreError};
use axum::extract::FromRef;
use chrono::Utc;
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

/// The engine's time budget for one plan: with the page's round trip, a plan for 120
/// people over 3 rounds is on screen within 2 s (`make bench-planner` measures it).
pub const PLAN_BUDGET: Duration = Duration::from_millis(1500);

/// Rounds before the coordinator sets them.
pub const DEFAULT_ROUNDS: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum PlannerError {
    #[error("no such event")]
    NoEvent,
    #[error("set-up field {0:?}")]
    Invalid(SetupField, T),
    #[error("replacing the tables discards the plan")]
    ConfirmationNeeded,
    #[error("no tables")]
    NoTables,
    #[error("nobody to seat")]
    NobodyToSeat,
    #[error("{people} people, {seats} seats")]
    TooFewSeats { people: usize, seats: u32 },
    #[error("engine: {0}")]
    Engine(#[from] SeatingError),
    #[error("engine task: {0}")]
    Task(String),
    #[error("no plan to publish")]
    NoPlan,
    #[error("hand edit refused: {0:?}")]
    Edit(EditError),
    #[error("re-plan: {0} rounds held of {1}")]
    HeldRounds(u32, u32),
    #[error("table editor: {0:?}")]
    TableInvalid(TableErrors),
    #[error("no such table")]
    NoTable,
    #[error("a planning job is running")]
    JobRunning,
    #[error("no such planning job")]
    NoJob,
    #[error("no such confirmed person")]
    NoPerson,
    #[error("a host cannot be left out")]
    HostLeftOut,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    App(AppError),
}

impl From<PlannerError> for AppError {
    fn from(e: PlannerError) -> AppError {
        match e {
            PlannerError::NoEvent => AppError::NotFound,
            PlannerError::Invalid(_, t) => AppError::Planner(t),
            PlannerError::ConfirmationNeeded => AppError::ConfirmationNeeded,
            PlannerError::NoTables => AppError::Planner(T::PlanErrNoTables),
            PlannerError::NobodyToSeat => AppError::Planner(T::PlanErrNobody),
            PlannerError::TooFewSeats { .. } => AppError::Planner(T::PlanErrTooFewSeats),
            PlannerError::NoPlan => AppError::Planner(T::PlanErrNoPlan),
            PlannerError::Edit(e) => AppError::Planner(e.message()),
            PlannerError::HeldRounds(..) => AppError::Planner(T::PlanErrHeld),
            PlannerError::App(e) => e,
            PlannerError::TableInvalid(e) => AppError::TableInvalid(e),
            PlannerError::NoTable => AppError::Planner(T::PlanErrEditTable),
            PlannerError::NoPerson => AppError::Planner(T::PlanErrEditPerson),
            PlannerError::JobRunning => AppError::Planner(T::PlanErrJobRunning),
            PlannerError::NoJob => AppError::NotFound,
            PlannerError::HostLeftOut => AppError::Planner(T::PlanErrLeaveOutHost),
            // the tables' minimums need more people than there are
            PlannerError::Engine(SeatingError::TooFewPeople { .. }) => {
                AppError::Planner(T::PlanErrMinimums)
            }
            other => {
                tracing::error!("planner: {other}");
                AppError::Internal
            }
        }
    }
}

/// A hand edit of one seat in one round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// To the table with this name.
    Move(String),
    /// With this registration's seat.
    Swap(i64),
    /// Lock (true) or unlock the seat.
    Lock(bool),
}

/// What planning did: with locks, how many unlocked seats it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Planned {
    pub changed: Option<usize>,
    pub locked: usize,
}

/// What the day-of re-plan did: the people seated in the remaining rounds and how many of
/// their seats changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replanned {
    pub seated: usize,
    pub changed: usize,
    /// The rounds kept as they were.
    pub held: u32,
}

/// The engine's work for one plan, checked and read from the database: run it with
/// [`Planner::run`] (in the request) or as a background job ([`Planner::start`]).
pub struct Prepared<O> {
    pub(super) event_id: i64,
    pub(super) slug: String,
    pub(super) budget: Duration,
    pub(super) engine: EngineWork<O>,
}

/// The engine's part: the plan to store and what it did.
pub(super) type EngineWork<O> =
    Box<dyn FnOnce() -> Result<(StoredPlan, O), SeatingError> + Send + 'static>;

/// Reads a stored plan.
fn parse(row: &PlanRow) -> Result<StoredPlan, PlannerError> {
    Ok(serde_json::from_str(&row.plan).map_err(|e| StoreError::Corrupt(format!("plan: {e}")))?)
}

/// What the service needs: the database, and for the tables mails the outbox (where links
/// point to, Message-IDs, the mail worker's wake-up).
#[derive(Clone)]
pub struct Planner {
    pub(super) db: Db,
    mail: Option<Outbox>,
}

impl FromRef<AppState> for Planner {
    fn from_ref(s: &AppState) -> Planner {
        Planner::new(s.db.clone(), Outbox::from_ref(s))
    }
}

impl AppState {
    /// The table planner.
    pub fn planner(&self) -> Planner {
        Planner::from_ref(self)
    }
}

impl Planner {
    /// A planner that can publish (and mail).
    pub fn new(db: Db, mail: Outbox) -> Planner {
        Planner {
            db,
            mail: Some(mail),
        }
    }

    /// A planner without mail (benchmarks): publishing is refused.
    pub fn without_mail(db: Db) -> Planner {
        Planner { db, mail: None }
    }

    pub(super) async fn event_id(&self, slug: &str) -> Result<(i64, String), PlannerError> {
        let e = events::by_slug(&self.db, slug)
            .await?
            .ok_or(PlannerError::NoEvent)?;
        Ok((e.id, e.view.title))
    }

    /// The networking rounds in the event's programme (0 when it has none).
    async fn programme_rounds(&self, event_id: i64) -> Result<u32, PlannerError> {
        let p = crate::store::programme::of_event(&self.db, event_id).await?;
        let mut n = 0;
        for s in &p.sessions {
            if s.kind()? == SessionKind::Networking {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The rounds to plan: the programme's networking rounds when it has any, else the
    /// number set up here; and whether they come from the programme.
    async fn rounds(&self, event_id: i64) -> Result<(u32, bool), PlannerError> {
        let from_programme = self.programme_rounds(event_id).await?;
        if from_programme > 0 {
            return Ok((from_programme, true));
        }
        Ok((
            planner::rounds(&self.db, event_id)
                .await?
                .and_then(|r| u32::try_from(r).ok())
                .unwrap_or(DEFAULT_ROUNDS),
            false,
        ))
    }

    /// The planner page of event `slug`.
    pub async fn view(&self, slug: &str) -> Result<PlannerView, PlannerError> {
        let (id, title) = self.event_id(slug).await?;
        let tables = planner::tables(&self.db, id).await?;
        let people = planner::people(&self.db, id).await?;
        let rounds = self.rounds(id).await?;
        let plan = match planner::plan(&self.db, id).await? {
            Some(row) => {
                let stored = parse(&row)?;
                Some(stored.view(
                    &people,
                    &tables,
                    row.created_at.to_rfc3339(),
                    u64::try_from(row.runtime_ms).unwrap_or_default(),
                ))
            }
            None => None,
        };
        Ok(PlannerView {
            slug: slug.to_string(),
            title,
            tables: tables
                .into_iter()
                .map(|t| PlannerTable {
                    id: t.id,
                    name: t.name,
                    capacity: u32::try_from(t.capacity).unwrap_or_default(),
                    min_size: u32::try_from(t.min_size).unwrap_or_default(),
                    host: t
                        .host
                        .and_then(|h| people.iter().find(|p| p.id == h))
                        .map(person_ref),
                    theme: t.theme,
                })
                .collect(),
            rounds: rounds.0,
            rounds_from_programme: rounds.1,
            published_at: planner::published_at(&self.db, id)
                .await?
                .map(|t| t.to_rfc3339()),
            participants: people.len(),
            people: people.iter().map(person_ref).collect(),
            left_out: planner::left_out(&self.db, id)
                .await?
                .into_iter()
                .map(|(id, first, last, organisation)| PersonRef {
                    id,
                    name: format!("{first} {last}"),
                    organisation,
                })
                .collect(),
            arrived: self.arrived(id).await?.len(),
            plan,
        })
    }

    /// Replaces the tables of event `slug` with `setup`'s. When a plan exists it is
    /// discarded, which needs `confirmed`.
    pub async fn setup(
        &self,
        slug: &str,
        setup: TableSetup,
        confirmed: bool,
    ) -> Result<(), PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        if !confirmed && planner::plan(&self.db, id).await?.is_some() {
            return Err(PlannerError::ConfirmationNeeded);
        }
        let tables: Vec<(String, i64)> = setup
            .names()
            .into_iter()
            .map(|n| (n, i64::from(setup.size)))
            .collect();
        let mut tx = self.db.begin_write().await?;
        planner::replace_setup(&mut tx, id, &tables, i64::from(setup.rounds)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Saves table `table` of event `slug` (`None`: adds a table) from the editor. The name
    /// must be free, the host a person taking part who hosts no other table. A new table,
    /// or another name, size or minimum, discards the plan, which needs `confirmed`; a
    /// host or theme keeps it (a host is seated at their table from the next plan).
    pub async fn save_table(
        &self,
        slug: &str,
        table: Option<i64>,
        input: Result<TableInput, TableErrors>,
        confirmed: bool,
    ) -> Result<(), PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        let tables = planner::tables(&self.db, id).await?;
        let before = match table {
            Some(t) => Some(
                tables
                    .iter()
                    .find(|r| r.id == t)
                    .ok_or(PlannerError::NoTable)?,
            ),
            None if tables.len() >= MAX_TABLES as usize => {
                return Err(PlannerError::App(AppError::Planner(T::PlanErrTables)))
            }
            None => None,
        };
        let others = || tables.iter().filter(|r| Some(r.id) != table);
        let people = planner::people(&self.db, id).await?;
        let mut errors = input.as_ref().err().cloned().unwrap_or_default();
        if let Ok(t) = &input {
            if others().any(|r| r.name.trim().to_lowercase() == t.name.to_lowercase()) {
                errors.push(TableField::Name, T::PlanErrTableNameTaken);
            }
            if let Some(h) = t.host {
                if !people.iter().any(|p| p.id == h) {
                    errors.push(TableField::Host, T::PlanErrHost);
                } else if others().any(|r| r.host == Some(h)) {
                    errors.push(TableField::Host, T::PlanErrHostTaken);
                }
            }
        }
        let t = match input {
            Ok(t) if errors.is_empty() => t,
            _ => return Err(PlannerError::TableInvalid(errors)),
        };
        let discards = before.is_none_or(|b| {
            b.name != t.name
                || b.capacity != i64::from(t.capacity)
                || b.min_size != i64::from(t.min_size)
        });
        let has_plan = planner::plan(&self.db, id).await?.is_some();
        if discards && has_plan && !confirmed {
            return Err(PlannerError::ConfirmationNeeded);
        }
        let mut tx = self.db.begin_write().await?;
        let fields = TableFields {
            name: &t.name,
            capacity: i64::from(t.capacity),
            min_size: i64::from(t.min_size),
            host: t.host,
            theme: &t.theme,
        };
        if !planner::save_table(&mut tx, id, table, &fields).await? {
            return Err(PlannerError::NoTable);
        }
        if discards {
            planner::drop_plan(&mut tx, id).await?;
        }
        tx.commit().await?;
        tracing::info!(event = slug, ?table, discards, "table saved");
        Ok(())
    }

    /// Removes table `table` of event `slug`; that discards the plan, which needs
    /// `confirmed` when there is one.
    pub async fn remove_table(
        &self,
        slug: &str,
        table: i64,
        confirmed: bool,
    ) -> Result<(), PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        if !confirmed && planner::plan(&self.db, id).await?.is_some() {
            return Err(PlannerError::ConfirmationNeeded);
        }
        let mut tx = self.db.begin_write().await?;
        if !planner::remove_table(&mut tx, id, table).await? {
            return Err(PlannerError::NoTable);
        }
        planner::drop_plan(&mut tx, id).await?;
        tx.commit().await?;
        tracing::info!(event = slug, table, "table removed");
        Ok(())
    }

    /// Leaves confirmed registration `person` of event `slug` out of the networking tables
    /// (`at_tables` false: out of the plan in every round, the plan scored again) or takes
    /// them back in (seated from the next plan). A host cannot be left out.
    pub async fn set_at_tables(
        &self,
        slug: &str,
        person: i64,
        at_tables: bool,
    ) -> Result<(), PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        if !at_tables
            && planner::tables(&self.db, id)
                .await?
                .iter()
                .any(|t| t.host == Some(person))
        {
            return Err(PlannerError::HostLeftOut);
        }
        let mut tx = self.db.begin_write().await?;
        if !planner::set_at_tables(&mut tx, id, person, at_tables).await? {
            return Err(PlannerError::NoPerson);
        }
        tx.commit().await?;
        if !at_tables {
            // out of the plan, which is scored again for the others
            let people = planner::people(&self.db, id).await?;
            let mut tx = self.db.begin_write().await?;
            if let Some(row) = planner::plan_for_update(&mut tx, id).await? {
                let mut plan = parse(&row)?;
                if plan.remove_person(person) {
                    plan.rescore(&people)?;
                    let json = serde_json::to_string(&plan)
                        .map_err(|e| StoreError::Corrupt(format!("plan: {e}")))?;
                    planner::save_plan(&mut tx, id, &json, row.runtime_ms, Utc::now()).await?;
                }
            }
            tx.commit().await?;
        }
        tracing::info!(event = slug, person, at_tables, "taking part in the tables");
        Ok(())
    }

    /// The confirmed registrations of an event checked in at the desk.
    async fn arrived(&self, event_id: i64) -> Result<HashSet<i64>, PlannerError> {
        Ok(crate::store::dayof::arrivals(&self.db, event_id)
            .await?
            .into_iter()
            .filter(|a| a.checked_in_at.is_some())
            .map(|a| a.id)
            .collect())
    }

    /// Seats the confirmed registrations of event `slug` at its tables and stores the plan.
    /// When the latest plan has locked seats (and the same tables and rounds), the engine
    /// plans around them from that plan, changing as few unlocked seats as it can. The
    /// engine runs on a blocking thread for at most `budget`.
    pub async fn plan(&self, slug: &str, budget: Duration) -> Result<Planned, PlannerError> {
        let prepared = self.prepare_plan(slug, budget).await?;
        self.run(prepared).await
    }

    /// What [`Self::plan`] checks and reads before the engine runs: refused here (no tables,
    /// nobody, too few seats) before any job starts.
    pub async fn prepare_plan(
        &self,
        slug: &str,
        budget: Duration,
    ) -> Result<Prepared<Planned>, PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        let tables = planner::tables(&self.db, id).await?;
        if tables.is_empty() {
            return Err(PlannerError::NoTables);
        }
        let people = planner::people(&self.db, id).await?;
        if people.is_empty() {
            return Err(PlannerError::NobodyToSeat);
        }
        let seats: u32 = tables
            .iter()
            .map(|t| u32::try_from(t.capacity).unwrap_or_default())
            .sum();
        if people.len() > seats as usize {
            return Err(PlannerError::TooFewSeats {
                people: people.len(),
                seats,
            });
        }
        let rounds = self.rounds(id).await?.0;
        let mut spec = spec(&people, &tables, rounds);
        let layout: Vec<(String, u32)> = spec
            .tables
            .iter()
            .map(|t| (t.id.clone(), t.capacity))
            .collect();
        let present: HashSet<i64> = people.iter().map(|p| p.id).collect();
        // The latest plan, when planning goes around its locks.
        let previous = match planner::plan(&self.db, id).await? {
            Some(row) => Some(parse(&row)?),
            None => None,
        }
        .filter(|p| {
            p.seats.len() == rounds as usize
                && p.tables == layout
                && !p.locks(&present, rounds).is_empty()
        });
        let mut locked = Vec::new();
        if let Some(p) = &previous {
            spec.locks = without_pinned(&spec, p.locks(&present, rounds));
            locked = p
                .locked
                .iter()
                .copied()
                .filter(|(r, who)| {
                    *r <= rounds && present.contains(who) && p.table_of(*r, *who).is_some()
                })
                .collect();
        }
        let n_locked = locked.len();
        let opts = solve_options(budget);
        // refused now when the problem cannot be solved (the tables' minimums)
        let problem = Problem::new(spec.clone())?;
        Ok(Prepared {
            event_id: id,
            slug: slug.to_string(),
            budget,
            engine: Box::new(move || match previous {
                Some(p) => {
                    let res = replan(&problem, &p.as_plan(), 0, &opts)?;
                    let mut stored =
                        StoredPlan::unscored(layout, StoredPlan::seats_of(&res.plan), locked);
                    stored.rescore(&people)?;
                    Ok((
                        stored,
                        Planned {
                            changed: Some(res.changed_seats),
                            locked: n_locked,
                        },
                    ))
                }
                None => {
                    let result = solve(&problem, &opts)?;
                    Ok((
                        StoredPlan::from_result(&spec, &result),
                        Planned {
                            changed: None,
                            locked: n_locked,
                        },
                    ))
                }
            }),
        })
    }

    /// Runs a prepared engine job on a blocking thread and stores the plan it makes.
    pub async fn run<O: std::fmt::Debug + Send + 'static>(
        &self,
        prepared: Prepared<O>,
    ) -> Result<O, PlannerError> {
        let Prepared {
            event_id,
            slug,
            engine,
            ..
        } = prepared;
        let ((stored, outcome), runtime_ms) = on_engine(engine).await?;
        self.store(event_id, &stored, runtime_ms).await?;
        tracing::info!(event = slug, runtime_ms, ?outcome, "plan made");
        Ok(outcome)
    }

    async fn store(
        &self,
        event_id: i64,
        plan: &StoredPlan,
        runtime_ms: i64,
    ) -> Result<(), PlannerError> {
        let json =
            serde_json::to_string(plan).map_err(|e| StoreError::Corrupt(format!("plan: {e}")))?;
        let mut tx = self.db.begin_write().await?;
        planner::save_plan(&mut tx, event_id, &json, runtime_ms, Utc::now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A hand edit of registration `person`'s seat in round `round` of event `slug`'s plan:
    /// the plan is scored again with the engine's scorer and stored. Returns the hard rules
    /// the edit broke (colleagues at one table, repeated meetings) that were kept before.
    pub async fn edit(
        &self,
        slug: &str,
        round: u32,
        person: i64,
        edit: Edit,
    ) -> Result<Broken, PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        let people = planner::people(&self.db, id).await?;
        let confirmed = |x: i64| people.iter().any(|p| p.id == x);
        if !confirmed(person) {
            return Err(PlannerError::Edit(EditError::Person));
        }
        let mut tx = self.db.begin_write().await?;
        let row = planner::plan_for_update(&mut tx, id)
            .await?
            .ok_or(PlannerError::NoPlan)?;
        let mut plan = parse(&row)?;
        plan.rescore(&people)?;
        let before = plan.quality.clone();
        let tables = planner::tables(&self.db, id).await?;
        // a host at their table stays there
        let at_own_table = |who: i64| {
            tables.iter().any(|t| {
                t.host == Some(who)
                    && plan
                        .table_of(round, who)
                        .and_then(|i| plan.tables.get(i))
                        .is_some_and(|(name, _)| *name == t.name)
            })
        };
        let host_moves = match &edit {
            Edit::Move(table) => {
                at_own_table(person) && plan.table_of(round, person) != plan.table_index(table)
            }
            Edit::Swap(other) => {
                (at_own_table(person) || at_own_table(*other))
                    && plan.table_of(round, person) != plan.table_of(round, *other)
            }
            Edit::Lock(_) => false,
        };
        if host_moves {
            return Err(PlannerError::Edit(EditError::Host));
        }
        match &edit {
            Edit::Move(table) => plan.move_to(round, person, table),
            Edit::Swap(other) if !confirmed(*other) => Err(EditError::Person),
            Edit::Swap(other) => plan.swap(round, person, *other),
            Edit::Lock(on) => plan.set_lock(round, person, *on),
        }
        .map_err(PlannerError::Edit)?;
        plan.rescore(&people)?;
        let broken = Broken::between(&before, &plan.quality);
        let json =
            serde_json::to_string(&plan).map_err(|e| StoreError::Corrupt(format!("plan: {e}")))?;
        planner::save_plan(&mut tx, id, &json, row.runtime_ms, Utc::now()).await?;
        tx.commit().await?;
        tracing::info!(event = slug, round, person, ?edit, ?broken, "plan edited");
        Ok(broken)
    }

    /// The day-of re-plan of event `slug`, checked and read for the engine (run it with
    /// [`Self::run`] or as a job): rounds `1..=held` stay as they are (their meetings count
    /// as met), the rest is planned again for the confirmed people who checked in (all
    /// confirmed when nobody has), around the locks and changing as few seats as it can.
    /// Publish again afterwards.
    pub async fn prepare_replan(
        &self,
        slug: &str,
        held: u32,
        budget: Duration,
    ) -> Result<Prepared<Replanned>, PlannerError> {
        let (id, _) = self.event_id(slug).await?;
        let row = planner::plan(&self.db, id)
            .await?
            .ok_or(PlannerError::NoPlan)?;
        let previous = parse(&row)?;
        let rounds = u32::try_from(previous.seats.len()).unwrap_or(u32::MAX);
        if held >= rounds {
            return Err(PlannerError::HeldRounds(held, rounds));
        }
        let everyone = planner::people(&self.db, id).await?;
        let arrived = self.arrived(id).await?;
        let people: Vec<PersonRow> = everyone
            .iter()
            .filter(|p| arrived.is_empty() || arrived.contains(&p.id))
            .cloned()
            .collect();
        if people.is_empty() {
            return Err(PlannerError::NobodyToSeat);
        }
        let seats: u32 = previous.tables.iter().map(|t| t.1).sum();
        if people.len() > seats as usize {
            return Err(PlannerError::TooFewSeats {
                people: people.len(),
                seats,
            });
        }
        let tables = with_hosts(previous.table_rows(), &planner::tables(&self.db, id).await?);
        let present: HashSet<i64> = people.iter().map(|p| p.id).collect();
        let mut spec = spec(&people, &tables, rounds);
        spec.locks = without_pinned(&spec, previous.locks(&present, rounds));
        let locked: Vec<(u32, i64)> = previous
            .locked
            .iter()
            .copied()
            .filter(|(r, who)| *r <= held || present.contains(who))
            .collect();
        let opts = solve_options(budget);
        let seated = people.len();
        let problem = Problem::new(spec)?;
        Ok(Prepared {
            event_id: id,
            slug: slug.to_string(),
            budget,
            engine: Box::new(move || {
                let res = replan(&problem, &previous.as_plan(), held as usize, &opts)?;
                let mut stored = StoredPlan::unscored(
                    previous.tables.clone(),
                    StoredPlan::seats_of(&res.plan),
                    locked,
                );
                // the held rounds keep the people who left since
                stored.rescore(&everyone)?;
                Ok((
                    stored,
                    Replanned {
                        seated,
                        changed: res.changed_seats,
                        held,
                    },
                ))
            }),
        })
    }

    /// Publishes the latest plan of event `slug`: each person confirmed now gets their table
    /// per round (their manage page and agenda show it), and one mail with their tables —
    /// only those whose tables differ from the last publication. Returns the mails queued.
    pub async fn publish(&self, slug: &str) -> Result<usize, PlannerError> {
        let mail = self
            .mail
            .as_ref()
            .ok_or(PlannerError::App(AppError::Internal))?;
        let event = events::by_slug(&self.db, slug)
            .await?
            .ok_or(PlannerError::NoEvent)?;
        let row = planner::plan(&self.db, event.id)
            .await?
            .ok_or(PlannerError::NoPlan)?;
        let stored = parse(&row)?;
        let confirmed: HashSet<i64> = planner::people(&self.db, event.id)
            .await?
            .iter()
            .map(|p| p.id)
            .collect();
        let mut tables: BTreeMap<i64, Vec<(u32, String)>> = BTreeMap::new();
        for (r, round) in stored.seats.iter().enumerate() {
            for (t, ids) in round.iter().enumerate() {
                let name = stored
                    .tables
                    .get(t)
                    .map(|t| t.0.clone())
                    .unwrap_or_default();
                for id in ids.iter().filter(|id| confirmed.contains(id)) {
                    tables
                        .entry(*id)
                        .or_default()
                        .push((r as u32 + 1, name.clone()));
                }
            }
        }
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        let mut before: BTreeMap<i64, Vec<(u32, String)>> = BTreeMap::new();
        for s in planner::published_tx(&mut tx, event.id).await? {
            before
                .entry(s.registration_id)
                .or_default()
                .push((u32::try_from(s.round).unwrap_or_default(), s.table_name));
        }
        let seats: Vec<SeatRow> = tables
            .iter()
            .flat_map(|(id, t)| {
                t.iter().map(|(round, table)| SeatRow {
                    registration_id: *id,
                    round: i64::from(*round),
                    table_name: table.clone(),
                })
            })
            .collect();
        planner::publish_tx(&mut tx, event.id, &seats, now).await?;
        let mut mailed = 0;
        for (id, theirs) in &tables {
            if before.get(id) == Some(theirs) {
                continue;
            }
            let Some(reg) = registrations::find_by_id_tx(&mut tx, *id).await? else {
                continue;
            };
            let (token, hash) = new_token().map_err(PlannerError::App)?;
            registrations::add_link(&mut tx, reg.id, &hash, now).await?;
            let url = format!("{}/m/{token}", mail.base_url);
            let message_id = mail.message_id();
            let mut m = render_tables(
                reg.lang,
                &event.view,
                &reg.email,
                &reg.form.first_name,
                theirs,
                &url,
                message_id,
            );
            m.registration_id = Some(reg.id);
            m.link = Some(outbox::MailLink {
                token,
                kind: outbox::LinkKind::Manage,
                owner: reg.id,
            });
            mail.queue(&mut tx, &m, now).await?;
            mailed += 1;
        }
        tx.commit().await?;
        if mailed > 0 {
            mail.wake();
        }
        tracing::info!(
            event = slug,
            seated = tables.len(),
            mailed,
            "plan published"
        );
        Ok(mailed)
    }
}

/// A confirmed person by name.
fn person_ref(p: &PersonRow) -> PersonRef {
    PersonRef {
        id: p.id,
        name: format!("{} {}", p.first_name, p.last_name),
        organisation: p.organisation.clone(),
    }
}

/// A plan's tables with the hosts that `now` (the event's tables) gives them by name.
fn with_hosts(tables: Vec<TableRow>, now: &[TableRow]) -> Vec<TableRow> {
    tables
        .into_iter()
        .map(|mut t| {
            t.host = now.iter().find(|n| n.name == t.name).and_then(|n| n.host);
            t
        })
        .collect()
}

/// The engine's options for a plan made within `budget` (a fixed seed: the same input gives
/// the same plan).
fn solve_options(budget: Duration) -> SolveOptions {
    SolveOptions {
        seed: 1,
        time_limit: Some(budget),
        max_iterations: None,
        threads: 0,
    }
}

/// Runs `job` (the engine) on a blocking thread, off the async ones: its result and the
/// milliseconds it took.
async fn on_engine<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, SeatingError> + Send + 'static,
) -> Result<(T, i64), PlannerError> {
    let started = Instant::now();
    let out = tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| PlannerError::Task(e.to_string()))??;
    let runtime_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    Ok((out, runtime_ms))
}
