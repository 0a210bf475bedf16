#include "audio_choice.h"

#include "audio/file_audio_device.h"
#include "audio/portaudio_device.h"

namespace confab::calls {

std::unique_ptr<audio::AudioDevice> makeAudioDevice(const AudioChoice& choice)
{
    if (choice.usesFiles()) {
        return std::make_unique<audio::FileAudioDevice>(choice.inputFile.toStdString(),
                                                        choice.outputFile.toStdString());
    }
    // Opened only when a call starts; a missing sound card is reported then,
    // and the call runs on silence rather than failing.
    return std::make_unique<audio::PortAudioDevice>(choice.inputDevice.toStdString(),
                                                    choice.outputDevice.toStdString());
}

} // namespace confab::calls
