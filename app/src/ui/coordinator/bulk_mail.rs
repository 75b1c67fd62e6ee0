//! The bulk mail on an event's registrations page: subject and body with placeholders, for
//! the people the table's current filters select; a preview (recipient count, the mail as
//! the first recipient gets it) before a second form sends it. Both are `ActionForm`s over
//! the bulk mail server functions.

use super::{action_error, FormError};
use crate::error::AppError;
use crate::i18n::T;
use crate::registration::admin_api::{PreviewBulkMail, SendBulkMail};
use crate::registration::bulk::{BulkErrors, BulkField, BulkPreview};
use crate::registration::table::TableQuery;
use crate::ui::{use_lang, MultilineText};
use leptos::prelude::*;

/// The slug and the filters, as hidden fields of both forms.
fn selection_fields(slug: String, q: TableQuery) -> impl IntoView {
    view! {
        <input type="hidden" name="slug" value=slug/>
        <input type="hidden" name="q" value=q.q/>
        <input type="hidden" name="status" value=q.status/>
        <input type="hidden" name="org_type" value=q.org_type/>
        <input type="hidden" name="sector" value=q.sector/>
        <input type="hidden" name="offers" value=q.offers/>
        <input type="hidden" name="needs" value=q.needs/>
    }
}

#[component]
pub(super) fn BulkMailSection(
    #[prop(into)] slug: Signal<String>,
    #[prop(into)] query: Signal<TableQuery>,
    preview: ServerAction<PreviewBulkMail>,
    send: ServerAction<SendBulkMail>,
) -> impl IntoView {
    let lang = use_lang();
    let errors = Signal::derive(move || match preview.value().get() {
        Some(Err(AppError::BulkMailInvalid(e))) => e,
        _ => BulkErrors::default(),
    });
    let error = move |field: BulkField| move || errors.get().get(field).map(|t| lang.t(t));
    let invalid = move |field: BulkField| move || errors.get().get(field).is_some().to_string();
    view! {
        <section class="card coordinator bulk-mail" aria-labelledby="bulk-title">
            <h2 id="bulk-title">{lang.t(T::CoordBulkTitle)}</h2>
            <p>{lang.t(T::CoordBulkIntro)}</p>
            <p class="hint" id="bulk-placeholders">{lang.t(T::CoordBulkPlaceholders)}</p>
            <FormError error=action_error(preview)/>
            <ActionForm action=preview attr:class="bulk-form">
                {move || selection_fields(slug.get(), query.get())}
                <div class="field" class:has-error=move || errors.get().get(BulkField::Subject).is_some()>
                    <label for="bulk-subject">{lang.t(T::CoordBulkSubject)}</label>
                    <input id="bulk-subject" name="subject" type="text" required maxlength="200"
                        aria-invalid=invalid(BulkField::Subject) aria-describedby="err-bulk-subject bulk-placeholders"/>
                    <p class="field-error" id="err-bulk-subject" aria-live="polite">{error(BulkField::Subject)}</p>
                </div>
                <div class="field" class:has-error=move || errors.get().get(BulkField::Body).is_some()>
                    <label for="bulk-body">{lang.t(T::CoordBulkBody)}</label>
                    <MultilineText id="bulk-body" name="body" rows=8 required=true
                        invalid=Signal::derive(move || errors.get().get(BulkField::Body).is_some())
                        described_by="err-bulk-body bulk-placeholders"/>
                    <p class="field-error" id="err-bulk-body" aria-live="polite">{error(BulkField::Body)}</p>
                </div>
                <button type="submit" class="button" disabled=move || preview.pending().get()>
                    {lang.t(T::CoordBulkPreviewButton)}
                </button>
            </ActionForm>
            {move || {
                preview
                    .value()
                    .get()
                    .and_then(|r| r.ok())
                    .map(|p| view! { <Preview p slug query send/> })
            }}
        </section>
    }
}

#[component]
fn Preview(
    p: BulkPreview,
    slug: Signal<String>,
    query: Signal<TableQuery>,
    send: ServerAction<SendBulkMail>,
) -> impl IntoView {
    let lang = use_lang();
    // The sending's answer for this very preview (a new preview starts again).
    let since = send.version().get_untracked();
    let sent = move || {
        (send.version().get() > since)
            .then(|| send.value().get().and_then(|r| r.ok()))
            .flatten()
    };
    let recipients = p.recipients;
    view! {
        <div class="bulk-preview">
            <p role="status" class="bulk-count">
                <strong>{recipients}</strong> " " {lang.t(T::CoordBulkRecipients)}
            </p>
            {if recipients == 0 {
                view! { <p>{lang.t(T::CoordBulkNobody)}</p> }.into_any()
            } else {
                let (subject_t, body_t) = (p.subject_template.clone(), p.body_template.clone());
                view! {
                    <p>{lang.t(T::CoordBulkFirst)} " " {p.first.clone()}</p>
                    <div class="mail-preview">
                        <p><strong>{lang.t(T::CoordBulkSubject)} ": "</strong> {p.subject.clone()}</p>
                        <pre class="mail-body">{p.body.clone()}</pre>
                    </div>
                    <FormError error=action_error(send)/>
                    {move || match sent() {
                        Some(s) => view! {
                            <p class="notice" role="status">
                                <strong>{s.recipients}</strong> " " {lang.t(T::CoordBulkSent)}
                            </p>
                        }.into_any(),
                        None => {
                            let (subject_t, body_t) = (subject_t.clone(), body_t.clone());
                            view! {
                                <ActionForm action=send attr:class="bulk-send">
                                    {selection_fields(slug.get_untracked(), query.get_untracked())}
                                    <input type="hidden" name="subject" value=subject_t/>
                                    <input type="hidden" name="body" value=body_t/>
                                    <input type="hidden" name="expected" value=recipients.to_string()/>
                                    <button type="submit" class="button primary" disabled=move || send.pending().get()>
                                        {lang.t(T::CoordBulkSendButton)}
                                    </button>
                                </ActionForm>
                            }.into_any()
                        }
                    }}
                }.into_any()
            }}
        </div>
    }
}
