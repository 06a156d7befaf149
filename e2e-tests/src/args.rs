//! Typed message arguments, rendered in the syntax drink's transcoder parses.

use crate::Address;

/// A value that can be passed as a contract message argument.
pub trait Arg {
    /// The argument in transcoder syntax.
    fn arg(&self) -> String;
}

impl Arg for Address {
    fn arg(&self) -> String {
        self.to_string()
    }
}

impl Arg for &Address {
    fn arg(&self) -> String {
        (*self).to_string()
    }
}

impl<T: Arg> Arg for Option<T> {
    fn arg(&self) -> String {
        match self {
            Some(v) => format!("Some({})", v.arg()),
            None => String::from("None"),
        }
    }
}

macro_rules! numeric_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn arg(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
numeric_args!(u8, u16, u32, u64, u128, bool);

impl Arg for &str {
    fn arg(&self) -> String {
        format!("{self:?}")
    }
}

/// Raw bytes (`Vec<u8>` or `[u8; N]` parameters).
pub struct Bytes<'a>(pub &'a [u8]);

impl Arg for Bytes<'_> {
    fn arg(&self) -> String {
        let items: Vec<String> = self.0.iter().map(|b| b.to_string()).collect();
        format!("[{}]", items.join(", "))
    }
}

/// A pre-rendered argument (e.g. a code hash returned by [`crate::Chain::upload`]).
pub struct Raw(pub String);

impl Arg for Raw {
    fn arg(&self) -> String {
        self.0.clone()
    }
}

/// Builds a `Vec<String>` of arguments: `args![bob, 100u128, Bytes(&[])]`.
#[macro_export]
macro_rules! args {
    () => { Vec::<String>::new() };
    ($($a:expr),+ $(,)?) => { vec![$($crate::Arg::arg(&$a)),+] };
}
