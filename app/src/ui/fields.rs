//! The registration fields shared by the register and manage pages. Inputs carry their
//! initial value as HTML attributes (so plain form posts work); in the browser each field
//! is validated by the same domain types when it loses focus and while it is corrected.

use super::{organiser_lang, use_lang};
use crate::event::Topic;
use crate::i18n::T;
use crate::registration::{Field, FieldErrors, Offer, RegistrationForm};
use leptos::prelude::*;

/// Signals of one form on the page.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub form: RwSignal<RegistrationForm>,
    pub errors: RwSignal<FieldErrors<Field>>,
    touched: RwSignal<Vec<Field>>,
    /// What the event offers: the form is validated against it and its selects list it.
    offer: StoredValue<Offer>,
}

impl FormCtx {
    pub fn new(initial: RegistrationForm, errors: FieldErrors<Field>, offer: Offer) -> FormCtx {
        FormCtx {
            form: RwSignal::new(initial),
            errors: RwSignal::new(errors),
            touched: RwSignal::new(Vec::new()),
            offer: StoredValue::new(offer),
        }
    }

    pub fn offer(&self) -> Offer {
        self.offer.get_value()
    }

    pub fn error(&self, field: Field) -> Option<T> {
        self.errors.with(|e| e.get(field))
    }

    fn revalidate(&self, field: Field) {
        let err = self
            .offer
            .with_value(|offer| self.form.with_untracked(|f| f.field_error(field, offer)));
        self.errors.update(|e| {
            e.0.retain(|(f, _)| *f != field);
            if let Some(t) = err {
                e.0.push((field, t));
                e.0.sort_by_key(|(f, _)| *f);
            }
        });
    }

    fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| t.push(field));
        }
        self.revalidate(field);
    }

    fn changed(&self, field: Field) {
        if self.touched.with_untracked(|t| t.contains(&field))
            || self.errors.with_untracked(|e| e.get(field).is_some())
        {
            self.revalidate(field);
        }
    }

    fn set_text(&self, field: Field, value: String) {
        self.form.update(|f| {
            if let Some(text) = f.text_mut(field) {
                *text = value;
                f.invalid_utf8.retain(|x| *x != field);
            }
        });
        self.changed(field);
    }

    fn toggle(&self, field: Field, code: String, on: bool) {
        self.form.update(|f| {
            let list = match field {
                Field::Offers => &mut f.offers,
                Field::Needs => &mut f.needs,
                _ => return,
            };
            list.retain(|c| *c != code);
            if on {
                list.push(code);
            }
            f.invalid_utf8.retain(|x| *x != field);
        });
        self.changed(field);
    }
}

/// The label a field is known by in the error summary.
fn field_label(field: Field) -> T {
    match field {
        Field::FirstName => T::FirstName,
        Field::LastName => T::LastName,
        Field::Email => T::Email,
        Field::Organisation => T::Organisation,
        Field::OrgType => T::OrgType,
        Field::Sector => T::Sector,
        Field::Phone => T::Phone,
        Field::Offers => T::Offers,
        Field::Needs => T::Needs,
        Field::Consent => T::PrivacyNotice,
    }
}

/// The message above a form after a refused submit, with a link to each field still to
/// correct (its name; the message itself stands under the field). It takes the focus when it appears, so keyboard and screen-reader users land
/// on it: hydrated, an effect focuses it after every refused submit; after a refused plain
/// post the page comes back with `autofocus` on it.
#[component]
pub fn ErrorSummary(
    ctx: FormCtx,
    general: RwSignal<Option<T>>,
    #[prop(default = false)] autofocus: bool,
) -> impl IntoView {
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |ran: Option<()>| {
        let shown = general.with(Option::is_some);
        // Not on hydration: the plain page already focused it with `autofocus`.
        if ran.is_some() && shown {
            if let Some(el) = node.get_untracked() {
                let _ = el.focus();
            }
        }
    });
    let fields = move || {
        general.with(Option::is_some).then(|| {
            let errors = ctx.errors.get();
            (!errors.is_empty()).then(|| {
                view! {
                    <ul>
                        {errors
                            .0
                            .into_iter()
                            .map(|(field, _)| {
                                view! {
                                    <li>
                                        <a href=format!("#f-{}", field.name())>{lang.t(field_label(field))}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })
        })
    };
    view! {
        <div class="form-error" id="form-error" role="alert" tabindex="-1" autofocus=autofocus node_ref=node>
            {move || general.get().map(|t| view! { <p>{lang.t(t)}</p> })}
            {fields}
        </div>
    }
}

#[component]
fn FieldError(ctx: FormCtx, field: Field) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="field-error" id=format!("err-{}", field.name()) aria-live="polite">
            {move || ctx.error(field).map(|t| lang.t(t))}
        </p>
    }
}

#[component]
fn TextField(
    ctx: FormCtx,
    field: Field,
    label: T,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = true)] required: bool,
    #[prop(default = false)] readonly: bool,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("f-{}", field.name());
    view! {
        <div class="field" class:has-error=move || ctx.error(field).is_some()>
            <label for=id.clone()>
                {lang.t(label)}
                {required.then(|| view! { <span class="req" title=lang.t(T::Required)>" *"</span> })}
            </label>
            <input
                id=id
                name=field.name()
                type=kind
                value=value
                autocomplete=autocomplete
                readonly=readonly
                aria-required=if required { "true" } else { "false" }
                aria-invalid=move || if ctx.error(field).is_some() { "true" } else { "false" }
                aria-describedby=format!("err-{}", field.name())
                on:input=move |ev| ctx.set_text(field, event_target_value(&ev))
                on:blur=move |_| ctx.touch(field)
            />
            <FieldError ctx field/>
        </div>
    }
}

#[component]
fn SelectField(
    ctx: FormCtx,
    field: Field,
    label: T,
    value: String,
    options: Vec<(&'static str, T)>,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("f-{}", field.name());
    view! {
        <div class="field" class:has-error=move || ctx.error(field).is_some()>
            <label for=id.clone()>{lang.t(label)} <span class="req" title=lang.t(T::Required)>" *"</span></label>
            <select
                id=id
                name=field.name()
                aria-required="true"
                aria-invalid=move || if ctx.error(field).is_some() { "true" } else { "false" }
                aria-describedby=format!("err-{}", field.name())
                on:change=move |ev| ctx.set_text(field, event_target_value(&ev))
                on:blur=move |_| ctx.touch(field)
            >
                <option value="" selected=value.is_empty()>{lang.t(T::ChooseOne)}</option>
                {options
                    .into_iter()
                    .map(|(code, t)| view! { <option value=code selected=value == code>{lang.t(t)}</option> })
                    .collect_view()}
            </select>
            <FieldError ctx field/>
        </div>
    }
}

#[component]
fn TopicsField(
    ctx: FormCtx,
    field: Field,
    label: T,
    chosen: Vec<String>,
    topics: Vec<Topic>,
    /// Post the boxes as `offers[]` (what an `ActionForm` decodes into a list).
    #[prop(default = false)]
    list_names: bool,
) -> impl IntoView {
    let lang = use_lang();
    let name = if list_names {
        format!("{}[]", field.name())
    } else {
        field.name().to_string()
    };
    view! {
        <fieldset class="field topics" id=format!("f-{}", field.name()) tabindex="-1" class:has-error=move || ctx.error(field).is_some()>
            <legend>{lang.t(label)}</legend>
            {topics
                .into_iter()
                .map(|t| {
                    let id = format!("f-{}-{}", field.name(), t.code);
                    let for_id = id.clone();
                    let checked = chosen.contains(&t.code);
                    let code = t.code.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input
                                id=id
                                type="checkbox"
                                name=name.clone()
                                value=t.code.clone()
                                checked=checked
                                on:change=move |ev| ctx.toggle(field, code.clone(), event_target_checked(&ev))
                            />
                            <span lang=organiser_lang(lang)>{t.label.clone()}</span>
                        </label>
                    }
                })
                .collect_view()}
            <FieldError ctx field/>
        </fieldset>
    }
}

/// All fields of a registration. `initial` fills the HTML; `ctx` follows the edits.
#[component]
pub fn RegistrationFields(
    ctx: FormCtx,
    initial: RegistrationForm,
    topics: Vec<Topic>,
    #[prop(default = false)] email_readonly: bool,
    #[prop(default = true)] with_consent: bool,
    /// The optional box "share my contact details with my tablemates after the event".
    #[prop(default = false)]
    with_share: bool,
    /// Topic boxes named `offers[]`/`needs[]` (the coordinator's `ActionForm`).
    #[prop(default = false)]
    list_names: bool,
) -> impl IntoView {
    let lang = use_lang();
    // Only the organisation types and sectors the event offers (as validated).
    let offer = ctx.offer();
    let org_types: Vec<(&'static str, T)> = offer
        .org_types
        .iter()
        .map(|o| (o.code(), o.label()))
        .collect();
    let sectors: Vec<(&'static str, T)> = offer
        .sectors
        .iter()
        .map(|s| (s.code(), s.label()))
        .collect();
    view! {
        <div class="grid two">
            <TextField ctx field=Field::FirstName label=T::FirstName value=initial.first_name.clone() autocomplete="given-name"/>
            <TextField ctx field=Field::LastName label=T::LastName value=initial.last_name.clone() autocomplete="family-name"/>
        </div>
        <TextField ctx field=Field::Email label=T::Email value=initial.email.clone() kind="email" autocomplete="email" readonly=email_readonly/>
        <TextField ctx field=Field::Organisation label=T::Organisation value=initial.organisation.clone() autocomplete="organization"/>
        <div class="grid two">
            <SelectField ctx field=Field::OrgType label=T::OrgType value=initial.org_type.clone() options=org_types/>
            <SelectField ctx field=Field::Sector label=T::Sector value=initial.sector.clone() options=sectors/>
        </div>
        <TextField ctx field=Field::Phone label=T::Phone value=initial.phone.clone() kind="tel" autocomplete="tel" required=false/>
        <p class="hint">{lang.t(T::MenuHint)}</p>
        <div class="grid two">
            <TopicsField ctx field=Field::Offers label=T::Offers chosen=initial.offers.clone() topics=topics.clone() list_names/>
            <TopicsField ctx field=Field::Needs label=T::Needs chosen=initial.needs.clone() topics=topics list_names/>
        </div>
        {with_share
            .then(|| {
                view! {
                    <div class="field share">
                        <ShareContactBox
                            checked=initial.share_contact
                            on_change=move |on| ctx.form.update(|f| f.share_contact = on)
                        />
                    </div>
                }
            })}
        {with_consent
            .then(|| {
                view! {
                    <div class="field consent" class:has-error=move || ctx.error(Field::Consent).is_some()>
                        <details class="privacy">
                            <summary>{lang.t(T::PrivacyNotice)}</summary>
                            <p>{lang.t(T::PrivacyText)}</p>
                        </details>
                        <label class="check" for="f-consent">
                            <input
                                id="f-consent"
                                type="checkbox"
                                name="consent"
                                value="yes"
                                checked=initial.consent
                                aria-describedby="err-consent"
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ctx.form.update(|f| f.consent = on);
                                    ctx.touch(Field::Consent);
                                }
                            />
                            {lang.t(T::Consent)}
                        </label>
                        <FieldError ctx field=Field::Consent/>
                    </div>
                }
            })}
    }
    .into_any()
}

/// The optional box "after the event, the people at my tables may receive my details"
/// (off unless ticked), posted as `share_contact=yes`.
#[component]
pub fn ShareContactBox(checked: bool, on_change: impl Fn(bool) + 'static) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="check" for="f-share_contact">
            <input
                id="f-share_contact"
                type="checkbox"
                name=crate::registration::SHARE_CONTACT
                value="yes"
                checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev))
            />
            {lang.t(T::ShareContact)}
        </label>
    }
}
