<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>CaseListWidget</name>
        <message numerus="yes">
            <source>%1 of %Ln cases</source>
            <translation>
                <numerusform>%1 of %Ln case</numerusform>
                <numerusform>%1 of %Ln cases</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EditorHeader</name>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FormListModel</name>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message numerus="yes">
            <source>%n change(s) of %1, newest first. Times are local time.</source>
            <translation>
                <numerusform>%n change of %1. Times are local time.</numerusform>
                <numerusform>%n changes of %1, newest first. Times are local time.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainTasks</name>
        <message numerus="yes">
            <source>%n case(s) created from the workbook, as drafts.</source>
            <translation>
                <numerusform>%n case created from the workbook, as a draft.</numerusform>
                <numerusform>%n cases created from the workbook, as drafts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</source>
            <translation>
                <numerusform>%n of them has errors or warnings to look at: tick “Only with open errors or warnings” in the list to see it.</numerusform>
                <numerusform>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message numerus="yes">
            <source>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</source>
            <translation>
                <numerusform>At least %n character. The reason is kept in the audit trail with your name and the time of the change.</numerusform>
                <numerusform>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SavedFormsTableModel</name>
        <message numerus="yes">
            <source>%n change(s)</source>
            <translation>
                <numerusform>%n change</numerusform>
                <numerusform>%n changes</numerusform>
            </translation>
        </message>
    </context>
</TS>
