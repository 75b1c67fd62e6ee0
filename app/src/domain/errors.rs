//! The one type of per-field validation errors, [`FieldErrors<F>`], for every form of the
//! app: a message key per field `F` (the form's field enum), at most one per field, in
//! field order. It travels to the browser as a list of `(field, message)` pairs.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// Validation errors by field, in field order, at most one message per field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors<F>(pub Vec<(F, T)>);

impl<F> Default for FieldErrors<F> {
    fn default() -> Self {
        FieldErrors(Vec::new())
    }
}

impl<F: Copy + Ord> FieldErrors<F> {
    /// The message of `field`, if it has one.
    pub fn get(&self, field: F) -> Option<T> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, t)| *t)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds `t` for `field`, in field order, unless that field has a message already.
    pub fn push(&mut self, field: F, t: T) {
        if self.get(field).is_none() {
            let at = self.0.partition_point(|(f, _)| *f < field);
            self.0.insert(at, (field, t));
        }
    }

    /// The value of `r`, or `None` with its message added for `field`.
    pub fn check<V>(&mut self, field: F, r: Result<V, T>) -> Option<V> {
        match r {
            Ok(v) => Some(v),
            Err(t) => {
                self.push(field, t);
                None
            }
        }
    }

    /// `Ok(value)` when there is no error, else the errors.
    pub fn or_ok<V>(self, value: V) -> Result<V, FieldErrors<F>> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    enum F {
        A,
        B,
        C,
    }

    #[test]
    fn one_message_per_field_in_field_order() {
        let mut e = FieldErrors::default();
        assert!(e.is_empty());
        e.push(F::C, T::ErrRequired);
        e.push(F::A, T::ErrTooLong);
        e.push(F::C, T::ErrEmail);
        assert_eq!(e.check(F::B, Ok::<_, T>(7)), Some(7));
        assert_eq!(e.check::<()>(F::B, Err(T::ErrChoose)), None);
        assert_eq!(
            e.0,
            vec![
                (F::A, T::ErrTooLong),
                (F::B, T::ErrChoose),
                (F::C, T::ErrRequired)
            ]
        );
        assert_eq!(e.get(F::C), Some(T::ErrRequired));
        assert_eq!(e.clone().or_ok(1), Err(e));
        assert_eq!(FieldErrors::<F>::default().or_ok(1), Ok(1));
    }

    #[test]
    fn the_wire_format_is_a_list_of_pairs() {
        let e = FieldErrors(vec![(crate::domain::Field::Email, T::ErrEmail)]);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"[["Email","ErrEmail"]]"#);
        assert_eq!(serde_json::from_str::<FieldErrors<_>>(&json).unwrap(), e);
    }
}
