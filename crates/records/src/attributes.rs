//! Segment attributes: the text columns of an imported file that describe its rows (plan,
//! country, channel, industry, …), kept beside the typed rows, dictionary-encoded: one byte
//! per row and attribute, and each distinct value stored once.

use serde::{Deserialize, Serialize};

/// One attribute column of a file: its values, one code per row of the dataset (in the
/// dataset's row order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeColumn {
    /// The column's header as the file writes it.
    pub name: String,
    /// The dataset field the column is mapped to (`plan`, `channel`, …), if any.
    #[serde(default)]
    pub field: Option<String>,
    /// The distinct values, in the order they first appear: code `i` is `values[i]`.
    pub values: Vec<String>,
    /// One code per row: an index into `values`, or [`AttributeColumn::OTHER`] or
    /// [`AttributeColumn::NONE`].
    pub codes: Vec<u8>,
}

impl AttributeColumn {
    /// Distinct values kept per column; later ones are [`AttributeColumn::OTHER`].
    pub const MAX_VALUES: usize = 50;
    /// The code of a value beyond the first [`AttributeColumn::MAX_VALUES`] ("other").
    pub const OTHER: u8 = 254;
    /// The code of an empty cell.
    pub const NONE: u8 = 255;

    /// An empty column named `name`.
    pub fn new(name: &str, field: Option<&str>) -> AttributeColumn {
        AttributeColumn {
            name: name.to_string(),
            field: field.map(str::to_string),
            values: Vec::new(),
            codes: Vec::new(),
        }
    }

    /// The key attributes are matched by across files and on the command line: the mapped
    /// field's id, else the header in lower case.
    pub fn key(&self) -> String {
        match &self.field {
            Some(f) => f.clone(),
            None => self.name.trim().to_lowercase(),
        }
    }

    /// The code of `value` (empty: [`AttributeColumn::NONE`]), adding it to the dictionary
    /// while there is room.
    pub fn code_of(&mut self, value: &str) -> u8 {
        if value.is_empty() {
            return AttributeColumn::NONE;
        }
        if let Some(i) = self.values.iter().position(|v| v == value) {
            return i as u8;
        }
        if self.values.len() < AttributeColumn::MAX_VALUES {
            self.values.push(value.to_string());
            (self.values.len() - 1) as u8
        } else {
            AttributeColumn::OTHER
        }
    }

    /// Appends one row's value.
    pub fn push(&mut self, value: &str) {
        let code = self.code_of(value);
        self.codes.push(code);
    }

    /// The value of row `row`: `None` for an empty cell (or a row outside the column),
    /// `Some(Value::Other)` beyond the dictionary.
    pub fn value(&self, row: usize) -> Option<Value<'_>> {
        match *self.codes.get(row)? {
            AttributeColumn::NONE => None,
            AttributeColumn::OTHER => Some(Value::Other),
            code => self.values.get(usize::from(code)).map(|v| Value::Text(v)),
        }
    }
}

/// A row's value of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value<'a> {
    /// A value from the dictionary.
    Text(&'a str),
    /// One of the values beyond the dictionary's limit.
    Other,
}

/// The attribute columns of one imported file (none for a file built in memory).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes {
    /// The columns, in the file's column order.
    pub columns: Vec<AttributeColumn>,
}

impl Attributes {
    /// The column whose [`AttributeColumn::key`] is `key`.
    pub fn column(&self, key: &str) -> Option<&AttributeColumn> {
        self.columns.iter().find(|c| c.key() == key)
    }

    /// Bytes the codes and values take (what the attributes add to an import's memory).
    pub fn heap_bytes(&self) -> usize {
        self.columns
            .iter()
            .map(|c| c.codes.capacity() + c.values.iter().map(String::capacity).sum::<usize>())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_values_in_first_seen_order_and_other_beyond_the_limit() {
        let mut col = AttributeColumn::new("Tarif", Some("plan"));
        for v in ["Team", "Pro", "", "Team"] {
            col.push(v);
        }
        assert_eq!(col.codes, vec![0, 1, AttributeColumn::NONE, 0]);
        assert_eq!(col.value(1), Some(Value::Text("Pro")));
        assert_eq!(col.value(2), None);
        assert_eq!(col.key(), "plan");
        let mut many = AttributeColumn::new(" Land ", None);
        for i in 0..=AttributeColumn::MAX_VALUES {
            many.push(&format!("v{i}"));
        }
        assert_eq!(many.values.len(), AttributeColumn::MAX_VALUES);
        assert_eq!(many.value(AttributeColumn::MAX_VALUES), Some(Value::Other));
        assert_eq!(many.key(), "land");
    }
}
