fn main() -> std::process::ExitCode {
    sahayak::cli::main()
}
