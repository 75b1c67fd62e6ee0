//! `/coordinator/events/:slug/registrations`: one event's registrations for a signed-in
//! coordinator — counts per status, a GET form (search, filters, sort) whose values live in
//! the query string, 50 rows a page, the CSV of the filtered table, and per row: cancel and
//! erase (each behind a confirmation), edit (its own page), give a seat, resend the link, download the data;
//! below, the bulk mail to the filtered selection (`bulk_mail.rs`) and the CSV import
//! (`import.rs`).

use super::{action_error, FormError};
use crate::i18n::{format_date, format_time, Lang, T};
use crate::registration::admin_api::{
    registration_table, CancelRegistration, CheckImport, ConfirmImport, EraseRegistration,
    PreviewBulkMail, PromoteRegistration, ResendRegistrationLink, SendBulkMail,
};
use crate::registration::table::{SortBy, TableQuery, TableRow};
use crate::registration::{OrgType, Sector, Status, TablePage};
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn status_label(s: Status) -> T {
    match s {
        Status::Confirmed => T::CoordRegConfirmed,
        Status::Waitlisted => T::CoordRegWaitlisted,
        Status::Cancelled => T::CoordRegCancelled,
    }
}

fn sort_label(s: SortBy) -> T {
    match s {
        SortBy::Name => T::CoordRegSortName,
        SortBy::Organisation => T::CoordRegSortOrganisation,
        SortBy::Registered => T::CoordRegSortRegistered,
        SortBy::Status => T::CoordRegStatus,
    }
}

#[component]
pub fn RegistrationsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query_map = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let query = move || {
        let q = query_map.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        TableQuery {
            q: get("q"),
            status: get("status"),
            org_type: get("org_type"),
            sector: get("sector"),
            offers: get("offers"),
            needs: get("needs"),
            sort: get("sort"),
            dir: get("dir"),
            page: get("page").parse().unwrap_or(1),
        }
    };
    let cancel = ServerAction::<CancelRegistration>::new();
    let promote = ServerAction::<PromoteRegistration>::new();
    let resend = ServerAction::<ResendRegistrationLink>::new();
    let erase = ServerAction::<EraseRegistration>::new();
    let check_import = ServerAction::<CheckImport>::new();
    let confirm_import = ServerAction::<ConfirmImport>::new();
    let preview_mail = ServerAction::<PreviewBulkMail>::new();
    let send_mail = ServerAction::<SendBulkMail>::new();
    // The row actions redirect back to this table: their versions in the key make it load
    // again, so a cancellation or promotion (or an import) shows without a reload.
    let versions = move || {
        (
            cancel.version().get(),
            promote.version().get(),
            resend.version().get(),
            erase.version().get(),
            confirm_import.version().get(),
        )
    };
    let table = Resource::new(
        move || (slug(), query(), versions()),
        |(slug, query, _)| registration_table(slug, query),
    );
    view! {
        <Title text=lang.t(T::CoordRegTitle)/>
        <super::dashboard::SignedIn>
            <section class="card coordinator registrations">
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match table.await {
                            Ok(page) => view! { <Table page cancel promote resend erase/> }.into_any(),
                            Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <super::bulk_mail::BulkMailSection slug=Signal::derive(slug) query=Signal::derive(query)
                preview=preview_mail send=send_mail/>
            <super::import::ImportSection slug=Signal::derive(slug) check=check_import confirm=confirm_import/>
        </super::dashboard::SignedIn>
    }
}

/// A notice for the `done=` the row actions redirect back with.
#[component]
fn DoneNotice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        let text = match query.read().get("done").as_deref() {
            Some("cancelled") => T::CoordRegDoneCancelled,
            Some("promoted") => T::CoordRegDonePromoted,
            Some("resent") => T::CoordRegDoneResent,
            Some("erased") => T::CoordRegDoneErased,
            Some("edited") => T::CoordRegDoneEdited,
            _ => return None,
        };
        Some(view! { <p class="notice" role="status">{lang.t(text)}</p> })
    }
}

#[component]
fn Table(
    page: TablePage,
    cancel: ServerAction<CancelRegistration>,
    promote: ServerAction<PromoteRegistration>,
    resend: ServerAction<ResendRegistrationLink>,
    erase: ServerAction<EraseRegistration>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || {
        action_error(cancel)
            .get()
            .or_else(|| action_error(promote).get())
            .or_else(|| action_error(resend).get())
            .or_else(|| action_error(erase).get())
    });
    let base = format!("/coordinator/events/{}/registrations", page.slug);
    let qs = page.query.to_query_string();
    let back = if qs.is_empty() {
        base.clone()
    } else {
        format!("{base}?{qs}")
    };
    let csv = format!("/coordinator/events/{}/registrations.csv?{qs}", page.slug);
    let pages = page.pages();
    let link_to = {
        let base = base.clone();
        let query = page.query.clone();
        move |change: &dyn Fn(&mut TableQuery)| {
            let mut q = query.clone();
            change(&mut q);
            let qs = q.to_query_string();
            if qs.is_empty() {
                base.clone()
            } else {
                format!("{base}?{qs}")
            }
        }
    };
    let sort_link = |by: SortBy| {
        let current = page.query.sort_by() == by;
        let desc = current && !page.query.descending();
        let href = link_to(&|q: &mut TableQuery| {
            q.sort = by.code().into();
            q.dir = if desc { "desc".into() } else { String::new() };
            q.page = 1;
        });
        let sorted = if !current {
            "none"
        } else if page.query.descending() {
            "descending"
        } else {
            "ascending"
        };
        (href, sorted)
    };
    let prev = (page.query.page > 1).then(|| link_to(&|q: &mut TableQuery| q.page -= 1));
    let next = (page.query.page < pages).then(|| link_to(&|q: &mut TableQuery| q.page += 1));
    let counts = page.counts;
    let topics = page.topics.clone();
    let q = page.query.clone();
    let head = |by: SortBy| {
        let (href, sorted) = sort_link(by);
        view! {
            <th scope="col" aria-sort=sorted>
                <a href=href>{lang.t(sort_label(by))}</a>
            </th>
        }
    };
    let rows = page.rows.clone();
    view! {
        <h1>{lang.t(T::CoordRegTitle)} ": " {page.title.clone()}</h1>
        <DoneNotice/>
        <FormError error/>
        <ul class="status-counts">
            <li>{lang.t(T::CoordRegConfirmed)} ": " <strong>{counts.confirmed}</strong> " / " {page.capacity} " " {lang.t(T::CoordRegSeats)}</li>
            <li>{lang.t(T::CoordRegWaitlisted)} ": " <strong>{counts.waitlisted}</strong></li>
            <li>{lang.t(T::CoordRegCancelled)} ": " <strong>{counts.cancelled}</strong></li>
        </ul>
        <form method="get" action=base.clone() class="table-filters" role="search">
            <label for="f-q">{lang.t(T::CoordRegSearch)}</label>
            <input id="f-q" name="q" type="search" value=q.q.clone()/>
            <Choice id="status" label=T::CoordRegStatus selected=q.status.clone()
                options=[Status::Confirmed, Status::Waitlisted, Status::Cancelled]
                    .iter().map(|s| (s.code().to_string(), lang.t(status_label(*s)).to_string())).collect()/>
            <Choice id="org_type" label=T::CoordRegOrgType selected=q.org_type.clone()
                options=OrgType::ALL.iter().map(|o| (o.code().to_string(), lang.t(o.label()).to_string())).collect()/>
            <Choice id="sector" label=T::CoordRegSector selected=q.sector.clone()
                options=Sector::ALL.iter().map(|s| (s.code().to_string(), lang.t(s.label()).to_string())).collect()/>
            <Choice id="offers" label=T::CoordRegOffers selected=q.offers.clone()
                options=topics.iter().map(|t| (t.code.clone(), t.label.clone())).collect()/>
            <Choice id="needs" label=T::CoordRegNeeds selected=q.needs.clone()
                options=topics.iter().map(|t| (t.code.clone(), t.label.clone())).collect()/>
            <label for="f-sort">{lang.t(T::CoordRegSort)}</label>
            <select id="f-sort" name="sort">
                {SortBy::ALL.iter().map(|s| view! {
                    <option value=s.code() selected=q.sort_by() == *s>{lang.t(sort_label(*s))}</option>
                }).collect_view()}
            </select>
            <label class="check">
                <input type="checkbox" name="dir" value="desc" checked=q.descending()/>
                {lang.t(T::CoordRegDescending)}
            </label>
            <button type="submit" class="button primary">{lang.t(T::CoordRegFilterButton)}</button>
            <a href=base.clone()>{lang.t(T::CoordRegReset)}</a>
        </form>
        <p role="status">
            <strong>{page.matching}</strong> " " {lang.t(T::CoordRegMatching)}
            " · " <a href=csv rel="external" download="">{lang.t(T::CoordRegCsv)}</a>
        </p>
        {if rows.is_empty() {
            view! { <p class="empty">{lang.t(T::CoordRegEmpty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="registrations-table">
                        <thead>
                            <tr>
                                {head(SortBy::Name)}
                                {head(SortBy::Organisation)}
                                <th scope="col">{lang.t(T::CoordRegEmail)}</th>
                                {head(SortBy::Status)}
                                {head(SortBy::Registered)}
                                <th scope="col">{lang.t(T::CoordRegActions)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <Row r back=back.clone() cancel promote resend erase/>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <nav class="pager" aria-label=lang.t(T::CoordRegPage)>
            {prev.map(|href| view! { <a href=href rel="prev">{lang.t(T::CoordRegPrev)}</a> })}
            " " {lang.t(T::CoordRegPage)} " " {page.query.page} " " {lang.t(T::CoordRegOf)} " " {pages} " "
            {next.map(|href| view! { <a href=href rel="next">{lang.t(T::CoordRegNext)}</a> })}
        </nav>
    }
}

/// A `<select>` with "all" first.
#[component]
fn Choice(
    id: &'static str,
    label: T,
    selected: String,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let input_id = format!("f-{id}");
    view! {
        <label for=input_id.clone()>{lang.t(label)}</label>
        <select id=input_id name=id>
            <option value="">{lang.t(T::CoordRegAny)}</option>
            {options.into_iter().map(|(code, text)| {
                let sel = code == selected;
                view! { <option value=code selected=sel>{text}</option> }
            }).collect_view()}
        </select>
    }
}

/// The row's id and the page to come back to, in each row form.
fn hidden(id: i64, back: String) -> impl IntoView {
    view! {
        <input type="hidden" name="id" value=id.to_string()/>
        <input type="hidden" name="back" value=back/>
    }
}

fn registered(lang: Lang, r: &TableRow) -> String {
    format!(
        "{} {}",
        format_date(lang, r.registered_at),
        format_time(r.registered_at)
    )
}

#[component]
fn Row(
    r: TableRow,
    back: String,
    cancel: ServerAction<CancelRegistration>,
    promote: ServerAction<PromoteRegistration>,
    resend: ServerAction<ResendRegistrationLink>,
    erase: ServerAction<EraseRegistration>,
) -> impl IntoView {
    let lang = use_lang();
    let id = r.id;
    let back = StoredValue::new(back);
    let when = registered(lang, &r);
    let status = r.status;
    view! {
        <tr>
            <td>{r.last_name.clone()} ", " {r.first_name.clone()}</td>
            <td>{r.organisation.clone()}</td>
            <td>
                <a href=format!("mailto:{}", r.email)>{r.email.clone()}</a>
                {r.share_contact.then(|| view! { <span class="hint share-mark" title=lang.t(T::CoordRegShares)>" · " {lang.t(T::CoordRegSharesShort)}</span> })}
            </td>
            <td>{lang.t(status_label(status))}</td>
            <td>{when}</td>
            <td class="row-actions">
                <a href=format!("/coordinator/registrations/{id}/edit")>{lang.t(T::CoordRegEdit)}</a>
                {(status == Status::Waitlisted).then(|| view! {
                    <ActionForm action=promote attr:class="inline-form">
                        {hidden(id, back.get_value())}
                        <button type="submit" class="button">{lang.t(T::CoordRegPromote)}</button>
                    </ActionForm>
                })}
                {(status != Status::Cancelled).then(|| view! {
                    <ActionForm action=resend attr:class="inline-form">
                        {hidden(id, back.get_value())}
                        <button type="submit" class="button">{lang.t(T::CoordRegResend)}</button>
                    </ActionForm>
                    <details>
                        <summary>{lang.t(T::CoordRegCancel)}</summary>
                        <ActionForm action=cancel attr:class="inline-form">
                            {hidden(id, back.get_value())}
                            <button type="submit" class="button danger">{lang.t(T::CoordRegCancelConfirm)}</button>
                        </ActionForm>
                    </details>
                })}
                <a href=format!("/coordinator/registrations/{id}/export.json") rel="external" download="">
                    {lang.t(T::CoordRegExportJson)}
                </a>
                <details>
                    <summary>{lang.t(T::CoordRegErase)}</summary>
                    <ActionForm action=erase attr:class="inline-form">
                        {hidden(id, back.get_value())}
                        <button type="submit" class="button danger">{lang.t(T::CoordRegEraseConfirm)}</button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}
