//! Registration: the attendee's form and manage link, personal links and the registration
//! rules, and the coordinator's side (the table and its actions, editing one registration,
//! the CSV import and the bulk mail).

mod admin;
mod admission;
mod bulk_mail;
mod edit;
mod import;
mod links;
mod register;
