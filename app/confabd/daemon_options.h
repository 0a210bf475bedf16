#pragma once

#include "api/node_config.h"

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace confab::app {

// A program that runs a node: its name (for "Run NAME --help"), the first
// line of its --help, and options of its own besides the node's.
struct NodeProgram {
    QString name;
    QString description;
    QList<QCommandLineOption> ownOptions;
};

// Parses the node's options and the program's own (whose values `parser`
// keeps) into a node configuration; on a mistake returns a message that
// says what to do. --help and --version print to stdout and exit: they
// need a QCoreApplication, nothing more (no display).
Result<api::NodeConfig, QString> parseNodeOptions(QCommandLineParser& parser, const QStringList& arguments,
                                                  const NodeProgram& program);
// confabd's command line.
Result<api::NodeConfig, QString> parseDaemonOptions(const QStringList& arguments);
// Whether the command line asks for --help or --version (before any "--").
bool asksForHelpOrVersion(int argc, const char* const* argv);

} // namespace confab::app
