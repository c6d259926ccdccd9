//! The command line's error: what went wrong, what to do, and the exit code it gets.

use pathwise_core::LoadError;

#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// Bad data in a file the user gave (or the curriculum): exit 2, with diagnostics.
    #[error(transparent)]
    Data(#[from] LoadError),
    /// `check --strict` found warnings: exit 2, with the warnings.
    #[error("{} warnings", .0.diagnostics.len())]
    Strict(LoadError),
    /// Bad usage: an unknown id, a missing argument. Exit 2.
    #[error("{message}")]
    Usage {
        message: String,
        help: Option<String>,
    },
    /// The system failed us: a file could not be read or written. Exit 1.
    #[error("{message}")]
    Io {
        message: String,
        #[source]
        source: Option<std::io::Error>,
    },
    /// The network could not be reached (`check --links`): nothing was checked. Exit 3.
    #[error("cannot reach the network: {0}")]
    Offline(String),
    /// The user interrupted or cancelled. Exit 130.
    #[error("cancelled")]
    Interrupted,
    /// What was compared differs (as diff(1)); the difference is already printed. Exit 1.
    #[error("the files differ")]
    Differ,
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn usage(message: impl Into<String>, help: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    /// An input or output failure: `what` says what was being done ("cannot write plan.md"),
    /// the reason comes from the system's error, which is kept as the source.
    pub(crate) fn io(what: impl std::fmt::Display, source: std::io::Error) -> Error {
        Error::Io {
            message: format!("{what}: {}", io_reason(&source)),
            source: Some(source),
        }
    }

    /// A failure with no system error behind it.
    pub(crate) fn io_message(message: impl Into<String>) -> Error {
        Error::Io {
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Error::Data(_) | Error::Strict(_) | Error::Usage { .. } => 2,
            Error::Io { .. } | Error::Differ => 1,
            Error::Offline(_) => 3,
            Error::Interrupted => 130,
        }
    }
}

/// The system's reason for an input or output error, in lower case and without the error number:
/// "no such file or directory".
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    pathwise_core::curriculum::io_reason(e)
}
