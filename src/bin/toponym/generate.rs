//! `toponym generate`: shell completions and the man page, written from the
//! clap definitions of the tool, so they never drift from its options.

use std::io::{self, Write};
use std::process::ExitCode;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// The man page, toponym(1), in roff.
    Man,
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
    /// Completions for PowerShell.
    CompletePowershell,
    /// Completions for elvish.
    CompleteElvish,
}

/// Arguments of `toponym generate`.
#[derive(clap::Args)]
pub struct Args {
    /// What to write to standard output.
    #[arg(value_enum)]
    kind: Kind,
}

/// Writes what `args` asks for about `cmd`, the tool's clap command.
pub fn run(mut cmd: clap::Command, args: Args) -> io::Result<ExitCode> {
    use clap_complete::Shell;
    let mut out = Vec::new();
    let shell = match args.kind {
        Kind::Man => None,
        Kind::CompleteBash => Some(Shell::Bash),
        Kind::CompleteZsh => Some(Shell::Zsh),
        Kind::CompleteFish => Some(Shell::Fish),
        Kind::CompletePowershell => Some(Shell::PowerShell),
        Kind::CompleteElvish => Some(Shell::Elvish),
    };
    match shell {
        Some(shell) => clap_complete::generate(shell, &mut cmd, "toponym", &mut out),
        None => man(cmd, &mut out)?,
    }
    let mut stdout = io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One page, toponym(1): the tool's synopsis, options and commands, then
/// each command's synopsis and options under a heading of its own.
fn man(cmd: clap::Command, out: &mut Vec<u8>) -> io::Result<()> {
    let mut cmd = cmd;
    cmd.build(); // (fills in the help and version flags, and each command's bin name)
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    // (the commands on this page, rather than clap_mangen's list of
    // toponym-COMMAND(1) pages, which do not exist)
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("toponym {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            writeln!(out, "{}", roff_text(&about.to_string()))?;
        }
        let page = clap_mangen::Man::new(sub.clone());
        page.render_synopsis_section(out)?;
        page.render_options_section(out)?;
    }
    page.render_version_section(out)?;
    Ok(())
}

/// `text` as a roff paragraph: a leading dot or quote escaped, backslashes doubled.
fn roff_text(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.replace('\\', "\\\\");
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
