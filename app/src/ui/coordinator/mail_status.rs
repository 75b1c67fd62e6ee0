//! `/coordinator/mail`: the outbox at a glance for a signed-in coordinator (pending, sent,
//! failed) and every mail that failed for good with its reason; one or all can be sent
//! again, each after a confirming second click (a disclosure, so it works without the wasm).

use super::{action_error, FormError, QueryNotice};
use crate::i18n::{format_date, format_time, T};
use crate::overview::api::{get_mail_status, RetryAllMails, RetryMail};
use crate::overview::{FailedMail, MailStatus};
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MailStatusPage() -> impl IntoView {
    let lang = use_lang();
    let retry = ServerAction::<RetryMail>::new();
    let retry_all = ServerAction::<RetryAllMails>::new();
    let status = Resource::new(
        move || (retry.version().get(), retry_all.version().get()),
        |_| get_mail_status(),
    );
    view! {
        <Title text=lang.t(T::CoordMailTitle)/>
        <super::dashboard::SignedIn>
            <section class="card coordinator mail-status">
                <h1>{lang.t(T::CoordMailTitle)}</h1>
                <QueryNotice key="retried" text=T::CoordMailRetried/>
                <FormError error=action_error(retry)/>
                <FormError error=action_error(retry_all)/>
                <Transition fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match status.await {
                            Ok(s) => view! { <Status s retry retry_all/> }.into_any(),
                            Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </super::dashboard::SignedIn>
    }
}

#[component]
fn Status(
    s: MailStatus,
    retry: ServerAction<RetryMail>,
    retry_all: ServerAction<RetryAllMails>,
) -> impl IntoView {
    let lang = use_lang();
    let counts = view! {
        <dl class="facts mail-counts">
            <dt>{lang.t(T::CoordMailPending)}</dt>
            <dd data-testid="mail-pending">{s.pending}</dd>
            <dt>{lang.t(T::CoordMailSent)}</dt>
            <dd data-testid="mail-sent">{s.sent}</dd>
            <dt>{lang.t(T::CoordMailFailed)}</dt>
            <dd data-testid="mail-failed">{s.failed}</dd>
        </dl>
    };
    if s.failures.is_empty() {
        return view! {
            {counts}
            <p class="empty">{lang.t(T::CoordMailNoFailures)}</p>
        }
        .into_any();
    }
    let capped = (s.failed > s.failures.len() as i64)
        .then(|| view! { <p class="hint">{lang.t(T::CoordMailListCapped)}</p> });
    let rows = s
        .failures
        .into_iter()
        .map(|m| view! { <FailedRow m retry/> })
        .collect_view();
    view! {
        {counts}
        <h2>{lang.t(T::CoordMailFailed)}</h2>
        <p>{lang.t(T::CoordMailFailedIntro)}</p>
        {capped}
        <details class="confirm">
            <summary class="button">{lang.t(T::CoordMailRetryAll)}</summary>
            <ActionForm action=retry_all attr:class="inline-form">
                <button type="submit" class="button primary" disabled=move || retry_all.pending().get()>
                    {lang.t(T::CoordMailRetryAllConfirm)}
                </button>
            </ActionForm>
        </details>
        <div class="table-scroll">
            <table class="failed-mails">
                <thead>
                    <tr>
                        <th scope="col">{lang.t(T::CoordMailColRecipient)}</th>
                        <th scope="col">{lang.t(T::CoordMailColSubject)}</th>
                        <th scope="col">{lang.t(T::CoordMailColKind)}</th>
                        <th scope="col">{lang.t(T::CoordMailColReason)}</th>
                        <th scope="col">{lang.t(T::CoordMailColWhen)}</th>
                        <th scope="col">{lang.t(T::CoordMailColAction)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn FailedRow(m: FailedMail, retry: ServerAction<RetryMail>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <tr data-mail-id=m.id>
            <td>{m.recipient}</td>
            <td>{m.subject}</td>
            <td><code>{m.kind}</code></td>
            <td class="reason">{m.reason}</td>
            <td>{format!("{}, {}", format_date(lang, m.failed_at), format_time(m.failed_at))}</td>
            <td>
                <details class="confirm">
                    <summary class="button link">{lang.t(T::CoordMailRetry)}</summary>
                    <ActionForm action=retry attr:class="inline-form">
                        <input type="hidden" name="id" value=m.id/>
                        <button type="submit" class="button primary" disabled=move || retry.pending().get()>
                            {lang.t(T::CoordMailRetryConfirm)}
                        </button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}
