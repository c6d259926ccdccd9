//! Help that names this program's own options, added to the core's messages by their codes.

use pathwise_core::LoadError;
use pathwise_core::curriculum::codes;

use crate::error::Error;

/// A loading error whose help says which flag or variable to change.
pub(crate) fn for_load(mut e: LoadError) -> Error {
    for d in &mut e.diagnostics {
        let help = match d.code {
            Some(codes::NOT_A_FOLDER) => {
                "give `--paths` a folder that holds curriculum .yaml files"
            }
            Some(codes::FOLDER_UNREADABLE) => {
                "check the folder given with `--paths` or in PATHWISE_PATHS"
            }
            Some(codes::NO_FILES) => {
                "with `--no-builtin`, give `--paths DIR` folders that hold .yaml curriculum files"
            }
            _ => continue,
        };
        d.help = Some(help.to_string());
    }
    Error::Data(e)
}
