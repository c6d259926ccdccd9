//! The one error type of the program, and the exit code each kind of failure gets.

use crate::curriculum::LoadError;
use crate::diag::{self, Diagnostic, Sources};

#[derive(Debug)]
pub enum Error {
    /// Bad data in a file the user gave (or the curriculum): exit 2, with diagnostics.
    Data(LoadError),
    /// Bad usage: an unknown id, a missing argument. Exit 2.
    Usage {
        message: String,
        help: Option<String>,
    },
    /// The system failed us: a file could not be read or written. Exit 1.
    Io(String),
    /// The user interrupted or cancelled. Exit 130.
    Interrupted,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }
    pub fn data(diagnostics: Vec<Diagnostic>, sources: Sources) -> Error {
        let mut diagnostics = diagnostics;
        diag::sort(&mut diagnostics);
        Error::Data(LoadError {
            diagnostics,
            sources,
        })
    }
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Data(_) | Error::Usage { .. } => 2,
            Error::Io(_) => 1,
            Error::Interrupted => 130,
        }
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Error {
        Error::Data(e)
    }
}
