//! `pathwise init DIR`: a team curriculum folder that extends the built-in guide.

use std::path::Path;

use crate::error::{Error, Result};
use crate::output;

pub(super) fn run(dir: &Path) -> Result<()> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(Error::usage(
                format!("{} already exists and is not empty", dir.display()),
                "choose a new folder name; pathwise init never overwrites files",
            ));
        }
    } else if dir.exists() {
        return Err(Error::usage(
            format!("{} exists and is not a folder", dir.display()),
            "choose a new folder name",
        ));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format_args!("cannot create {}", dir.display()), e))?;
    for (name, text) in pathwise_core::scaffold::FILES {
        output::write_file(&dir.join(name), text, false)?;
    }
    info!(
        "created {} with a topic, a resource and a question that extend the built-in guide\n\
         next: edit the files, then run `pathwise check --paths {}` and `pathwise plan --paths {}`",
        dir.display(),
        dir.display(),
        dir.display()
    );
    Ok(())
}
